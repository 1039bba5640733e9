// Italian. Imperatives in tu/voi/Lei forms ("ignora", "ignorate", "ignori"), negative tu-imperative is
// "non" + infinitive ("non seguire"), clitics attach ("dimenticale"), adjectives follow the noun ("le
// istruzioni precedenti").
import type { LangPack } from './types.js';

const r = String.raw;
const CL = r`(?:l[aeio]|mi|ci|ti)?`;

export const it: LangPack = {
  id: 'it',
  writing: 'spaced',
  order: ['VO'],
  looseAccents: true,
  ignore: [
    r`ignora${CL}`, r`ignorate${CL}`, r`ignori`, r`ignorare${CL}`, r`dimentica${CL}`, r`dimenticate${CL}`, r`dimentichi`, r`dimenticare`,
    r`trascura${CL}`, r`tralascia${CL}`, r`non (?:seguire|rispettare|considerare|obbedire|tenere conto)`, r`smetti di (?:seguire|rispettare|obbedire)`,
    r`lascia perdere`, r`scarta${CL}`, r`salta${CL}`, r`aggira${CL}`, r`bypassa${CL}`, r`disobbedisci`, r`infischiatene`, r`fregatene`,
  ],
  ignoreSoft: [r`cancella`, r`elimina`, r`annulla`, r`sostituisci`, r`disattiva`, r`cambia`, r`rimuovi`, r`viola`, r`infrangi`],
  prior: [r`tutte?`, r`tutti`, r`qualsiasi`, r`ogni`, r`le`, r`gli`, r`le tue`, r`le sue`, r`queste`, r`quelle`, r`precedenti`],
  priorStrict: [r`le tue`, r`le sue`, r`tue`, r`precedenti`],
  priorAfter: [
    r`precedenti`, r`di prima`, r`(?:qui )?sopra`, r`iniziali`, r`originali`, r`del sistema`, r`che (?:ti|le) (?:sono state date|hanno dato|ho dato)`,
    r`ricevute`, r`date`, r`fino(?: ad)? ora`,
  ],
  rules: [r`istruzion[ei]`, r`indicazion[ei]`, r`regol[ae]`, r`direttiv[ae]`, r`linee guida`, r`ordin[ei]`, r`comand[oi]`, r`restrizion[ei]`, r`limitazion[ei]`, r`filtr[oi]`, r`prompt~`, r`programmazione`, r`vincol[oi]`],
  rulesBroad: [r`compit[oi]`, r`informazion[ei]`, r`contesto`, r`messagg[io]`, r`test[oi]`],
  everything: [r`(?:quello|ciò|quanto) che (?:ti ho|le ho|vi ho|ti hanno|ti abbiamo) (?:detto|scritto|chiesto) (?:prima|finora|sopra|in precedenza)`, r`tutto(?: (?:quello|ciò) che (?:ti ho detto|sai|hai imparato|precede))?`, r`quanto sopra`, r`tutto questo`],
  reveal: [
    r`mostra(?:mi)?`, r`rivela(?:mi)?`, r`ripeti`, r`stampa`, r`scrivi`, r`dimmi`, r`dammi`, r`di(?:cci)?`, r`qual(?:e|i)? (?:è|sono|era)`, r`elenca`,
    r`condividi`, r`fammi vedere`, r`comunica(?:mi)?`,
  ],
  secret: [
    r`(?:la|tua|sua) (?:[a-zàèéìòù]+ )?(?:password|parola d'ordine|parola segreta|chiave segreta|codice segreto)`, r`(?:il|tuo) segreto`,
    r`(?:il )?(?:prompt|messaggio|istruzioni) (?:di|del) sistema`, r`(?:le )?(?:tue|sue) (?:[a-zàèéìòù]+ )?(?:istruzioni|regole|indicazioni|direttive)`,
    r`(?:le )?istruzioni (?:iniziali|originali|nascoste|segrete)`, r`(?:la )?password`,
    r`(?:le )?(?:istruzioni|regole|indicazioni|direttive) che (?:ti|le|vi) (?:sono state date|hanno dato|sono state fornite|hanno fornito)`,
    r`quali (?:istruzioni|regole|indicazioni|direttive) (?:ti|le|vi) (?:sono state date|hanno dato|sono state fornite|hanno fornito)|quali (?:istruzioni|regole) hai (?:ricevuto|avuto)`,
  ],
  secretYours: [
    r`(?:le )?(?:istruzioni|regole|indicazioni|direttive) che (?:ti|le|vi) (?:sono state date|hanno dato|sono state fornite|hanno fornito)`,
    r`quali (?:istruzioni|regole|indicazioni|direttive) (?:ti|le|vi) (?:sono state date|hanno dato|sono state fornite|hanno fornito)|quali (?:istruzioni|regole) hai (?:ricevuto|avuto)`,
    r`(?:le )?(?:tue|sue) (?:[a-zàèéìòù]+ )?(?:istruzioni|regole|indicazioni|direttive)`, r`(?:la )?(?:tua|sua) (?:password|parola d'ordine|parola segreta)`, r`(?:il )?(?:tuo|suo) (?:segreto|prompt)`],
  secretHeads: [r`password`, r`parola d'ordine`, r`segret~`, r`prompt~`, r`istruzion~`, r`indicazion~`, r`regole`, r`direttive`],
  stopwords: [r`gli|che|della|delle|dello|sono|questo|questa|anche|tutte|tutti|puoi|fammi|dimmi|perché|ogni|una|sei|cosa|qual è|perche|le|tue|tuo|tua|tuoi|suoi|mi|ti|ora|adesso|dimentica|ignora|ignorate|mostra|mostrami|rivela|istruzioni|regole|quello|quali|senza|detto|prima|fingi|nuovo|nuova|compito|rispondi|scrivi|dimenticate|ripeti|sopra|testo|il|di|per|parola`],
  negators: [r`senza`, r`non`, r`mai`],
  overrideExtra: [
    r`(?:le )?istruzioni (?:precedenti|di prima) (?:non sono più|sono (?:false|nulle|annullate))`, r`fai (?:esattamente )?il contrario di (?:quello|ciò) che`,
  ],
  persona: [
    r`(?:da (?:ora|adesso) in (?:poi|avanti)|d'ora in poi)[, ]+(?:sei|sarai|agirai|risponderai|ti comporterai)`, r`(?:ora|adesso) sei (?:un|una|il|la)`,
    r`fai finta (?:di essere|che)`, r`fingi (?:di essere|che)`, r`comportati come`, r`agisci come`, r`(?:interpreta|gioca|recita) (?:il|un) ruolo`,
    r`immagina di essere`, r`(?:resta|rimani) nel (?:personaggio|ruolo)`, r`sei (?:ora|adesso)`,
  ],
  unrestricted: [
    r`senza (?:alcuna |alcun |nessuna |nessun )?(?:restrizion[ei]|limit[ei]|filtr[oi]|censura|regole|etica|morale)`, r`modalità (?:sviluppatore|dio|dan|senza restrizioni)`,
    r`non censurat[oa]`, r`nessuna (?:restrizione|limitazione|regola)`, r`ia malvagia`,
  ],
  refusal: [
    r`non rifiutare mai`, r`non (?:rifiutarti|scusarti)`, r`mai rifiutare`, r`senza (?:avvertimenti|avvisi|scuse)`, r`rispondi a (?:tutte|qualsiasi) (?:le )?domand[ae]`,
  ],
  contextSwitch: [
    r`(?:ora|adesso|d'ora in poi|da ora in poi|da adesso),? (?:sei|tu sei|sarai)`,
    r`nuov[oi] compit[oi]`, r`nuove (?:istruzioni|regole|indicazioni)`, r`nuova (?:istruzione|regola|missione)`, r`(?:ora|adesso) (?:di|dimmi|scrivi|rispondi|stampa)`,
    r`invece`, r`(?:molto bene|bravo|ottimo|perfetto|complimenti|eccellente)[!.,]+ (?:[a-zàèéìòù']+ ){0,12}(?:ora|adesso|ma)`,
  ],
  addressed: [r`nella (?:tua|sua) risposta`, r`la (?:tua|sua) risposta (?:deve|dovrebbe)`, r`(?:inizia|termina|comincia) la (?:tua|sua) risposta`],
  directive: [
    r`(?:^|\n|[.!?:] )(?:per favore,? )?(?:scrivi|fornisci|descrivi|spiega|traduci|includi|aggiungi|dimmi|dai|genera|crea|rispondi|ignora|dimentica|immagina|mostra)`,
  ],
  extractionExtra: [
    r`(?:ripeti|ripetete|mostra|stampa|copia|riscrivi|scrivi)(?:mi)? (?:tutto |il testo |i messaggi |il contenuto |la conversazione )?(?:qui )?(?:sopra|precedente|precedenti|di prima)(?: parola per parola| alla lettera| testualmente|[.!:"]|$)`,
  ],
  leakFormat: [r`al contrario`, r`lettera per lettera`, r`ogni lettera`, r`in base64`, r`come una poesia`, r`in ordine inverso`],
};
