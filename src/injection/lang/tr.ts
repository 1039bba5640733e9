// Turkish. Verb-final (SOV) and agglutinative: the object takes the accusative ("talimatları"), the
// verb comes last in the bare imperative ("unut") or the polite plural ("unutun", "görmezden gelin"),
// negation is a suffix ("uyma" = do not obey). Stems with '~' absorb the suffix chains.
import type { LangPack } from './types.js';

const r = String.raw;
const IN = r`(?:[ıiuü]n(?:[ıi]z)?|y[ıiuü]n(?:[ıi]z)?)?`; // polite/plural imperative endings

export const tr: LangPack = {
  id: 'tr',
  writing: 'spaced',
  order: ['OV', 'VO'],
  looseAccents: true,
  ignore: [
    r`unut${IN}`, r`unutmanı~`, r`görmezden gel${IN}`, r`görmezden gelmeni~`, r`yok say${IN}`, r`yok saymanı~`, r`göz ardı et${IN}`, r`göz ardı etmeni~`,
    r`dikkate alma${IN}`, r`uyma${IN}`, r`uymayın`, r`takma${IN}`, r`boşver${IN}`, r`geçersiz kıl${IN}`, r`önemseme${IN}`, r`atla${IN}`, r`çiğne${IN}`,
    r`es geç${IN}`, r`hiçe say${IN}`, r`bir kenara bırak${IN}`, r`aşmanı~`,
  ],
  ignoreSoft: [r`sil${IN}`, r`kaldır${IN}`, r`değiştir${IN}`, r`iptal et${IN}`, r`devre dışı bırak${IN}`, r`sıfırla${IN}`],
  prior: [r`önceki`, r`yukarıdaki`, r`tüm`, r`bütün`, r`her`, r`daha önceki`, r`eski`, r`ilk`, r`orijinal`, r`senin`, r`sana verilen`, r`verilen`, r`mevcut`, r`sistem`],
  priorStrict: [r`önceki`, r`yukarıdaki`, r`daha önceki`, r`senin`, r`sana verilen`, r`orijinal`, r`ilk`],
  priorAfter: [],
  rules: [
    r`talimat~`, r`yönerge~`, r`kural~`, r`komut~`, r`emir~`, r`emri~`, r`direktif~`, r`kısıtlama~`, r`sınırlama~`, r`filtre~`, r`istem~`, r`prompt~`,
    r`sistem mesaj~`, r`yönlendirme~`, r`yasak~`, r`politika~`,
  ],
  rulesBroad: [r`görev~`, r`bilgi~`, r`bağlam~`, r`mesaj~`, r`metin~`, r`söylenen~`],
  everything: [r`her şeyi`, r`hepsini`, r`şimdiye kadar(?:ki)? (?:her şeyi|söylenenleri)`, r`söylediğim her şeyi`, r`öncekileri`],
  reveal: [
    r`göster${IN}`, r`yaz${IN}`, r`söyle${IN}`, r`tekrarla${IN}`, r`açıkla${IN}`, r`ver${IN}`, r`paylaş${IN}`, r`listele${IN}`, r`ifşa et${IN}`,
    r`yazdır${IN}`, r`nedir`, r`ne(?:dir)?\?`, r`heceleyerek`, r`ilet${IN}`,
  ],
  secret: [
    r`(?:senin |gizli )?(?:şifre~|parola~)`, r`gizli (?:kelime~|kod~|anahtar~|sözcü~)`, r`sistem (?:istem~|prompt~|talimat~|mesaj~)`,
    r`(?:senin |ilk |orijinal |gizli )?talimatların~`, r`(?:senin |gizli |ilk |orijinal )(?:talimat~|kural~|yönerge~)`, r`sana (?:ne )?söylen(?:en|di)~`,
  ],
  secretYours: [r`talimatların~`, r`kuralların~`, r`yönergelerin~`, r`şifren~`, r`parolan~`, r`senin (?:talimat~|kural~|şifre~|parola~|istem~)`],
  secretHeads: [r`şifre~`, r`parola~`, r`gizli`, r`istem~`, r`prompt~`, r`talimat~`, r`kural~`, r`yönerge~`],
  stopwords: [r`için|ile|değil|gibi|olan|şimdi|lütfen|bana|sana|benim|senin|şey|nasıl|neden|çünkü|ama|bir|bu|ve|tüm|bütün|önceki|talimatları|kuralları|şifreyi|unut|unutun|göster|söyle|sen|artık|yukarıdaki|nedir|şifre|parola|parolayı|talimatlarını|kuralları|istemini|tekrarla`],
  negators: [r`olmadan`, r`asla`, r`hiç`],
  overrideExtra: [
    r`(?:önceki|yukarıdaki) (?:talimat~|kural~|yönerge~) (?:artık )?(?:geçersiz|geçerli değil|iptal edildi|yanlış)`, r`(?:her şeyin|söylediğimin) tersini yap~`,
  ],
  persona: [
    r`(?:artık|bundan sonra|şu andan itibaren|bu andan itibaren)[, ]+(?:sen|siz)`, r`sen (?:artık|bir|şimdi)`, r`gibi davran~`, r`rolünü (?:oyna~|üstlen~)`,
    r`rolüne gir~`, r`(?:olduğunu|olduğunuzu) (?:hayal et~|farz et~|varsay~)`, r`karakterde kal~`, r`(?:mış|miş|muş|müş) gibi yap~`, r`rol yap~`,
  ],
  unrestricted: [
    r`(?:hiçbir )?(?:kısıtlama|sınır|filtre|sansür|kural|etik|ahlak)[a-zçğıöşü]* (?:olmadan|yok|olmayan|içermeyen|tanımayan)`, r`sansürsüz`, r`filtresiz`,
    r`kısıtlamasız`, r`sınırsız`, r`geliştirici mod~`, r`dan mod~`, r`kötü (?:yapay zeka|ai|bot)`,
  ],
  refusal: [r`asla (?:reddetme~|hayır deme~|özür dileme~)`, r`(?:özür dileme|uyarı verme|reddetme)${IN}`, r`uyarı(?:sız|lar olmadan)`, r`(?:tüm|her|bütün) sorulara? (?:cevap|yanıt) ver~`],
  contextSwitch: [
    r`yeni (?:görev~|talimat~|komut~|kural~)`, r`şimdi (?:söyle|yaz|cevap ver|yanıt ver)${IN}`, r`bunun yerine`,
    r`(?:aferin|harika|mükemmel|çok iyi|tebrikler|süper)[!.,]+ (?:[a-zçğıöşü]+ ){0,12}(?:şimdi|ama|fakat)`,
  ],
  addressed: [r`(?:cevabında|yanıtında|cevabınızda|yanıtınızda)`, r`(?:cevabın|yanıtın)(?:ız)? (?:şu|şöyle)? ?(?:olmalı|olsun)`, r`(?:cevabına|yanıtına) ekle~`],
  directive: [r`(?:^|\n|[.!?:] )(?:lütfen )?(?:yaz|açıkla|çevir|ekle|söyle|ver|göster|oluştur|cevap ver|unut|hayal et|anlat|listele)${IN}(?:[^a-zçğıöşü]|$)`],
  extractionExtra: [r`yukarıdaki (?:metni|mesajları|her şeyi|içeriği|talimatları) (?:aynen |kelimesi kelimesine )?(?:tekrarla|yaz|göster|yazdır|kopyala)${IN}`],
  leakFormat: [r`tersten`, r`harf harf`, r`her harf~`, r`base64`, r`şiir olarak`],
};
