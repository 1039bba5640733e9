// German. Imperatives come in three persons (du: "ignoriere", "vergiss"; ihr: "ignoriert"; Sie:
// "ignorieren Sie"), subordinate and infinitive clauses put the verb last ("... alle vorherigen
// Anweisungen zu ignorieren"), so composed cues run in both orders. Separable verbs split around their
// object ("gib ... aus", "hör ... auf"). Nouns inflect, so most entries are stems.
import type { LangPack } from './types.js';

const r = String.raw;
const SIE = r`(?: sie)?`;

export const de: LangPack = {
  id: 'de',
  writing: 'spaced',
  order: ['VO', 'OV'],
  looseAccents: true,
  ignore: [
    r`ignorier(?:e|t|en sie)?`, r`vergiss`, r`vergesst`, r`vergessen sie`, r`missachte(?:t|n sie)?`, r`überspring(?:e|t|en sie)?`,
    r`übergeh(?:e|t|en sie)?`, r`verwirf`, r`verwerft`, r`verwerfen sie`, r`umgeh(?:e|t|en sie)?`, r`vernachlässig(?:e|t|en sie)?`, r`hör(?:e|en sie)? nicht (?:mehr )?auf`, r`abweichend (?:zu|von)`,
    r`nicht (?:mehr )?(?:befolgen|beachten|folgen|berücksichtigen|einhalten)`, r`(?:befolge|beachte|folge|berücksichtige)(?:n sie)? (?:nicht|keine)`,
    r`hinwegsetz~`, r`widersetz~`, r`halt(?:e|et|en sie)? (?:dich|euch|sich) (?:nicht|nie|niemals)(?: mehr| länger)? an`,
    r`(?:scheiß|scheiss|pfeif|pfeift|pfeifen sie)(?:e)? (?:einfach )?auf`,
  ],
  ignoreFinal: [
    r`(?:zu )?ignorier~`, r`(?:zu )?vergessen`, r`vergisst`, r`(?:zu )?missacht~`, r`(?:zu )?überspring~`, r`(?:zu )?übergeh~`,
    r`(?:zu )?verwerf~`, r`(?:zu )?umgeh~`, r`außer acht (?:zu )?lass~`, r`nicht (?:mehr )?(?:zu )?(?:befolgen|beachten|folgen|berücksichtigen|einhalten)`,
    r`(?:zu )?vernachlässig~`, r`über bord (?:zu )?werf~`, r`beiseite (?:zu )?(?:lassen|legen|schieben)`, r`hinter (?:dir|sich) (?:zu )?lass~`,
  ],
  ignoreSoft: [r`setz(?:e|en sie)?`, r`lass(?:e|en sie)?`, r`streich~`, r`lösch~`, r`änder~`, r`ersetz~`, r`deaktivier~`, r`entfern~`, r`brich`, r`brechen${SIE}`],
  prior: [
    r`all~`, r`sämtlich~`, r`jeglich~`, r`vorherig~`, r`vorig~`, r`vorangegangen~`, r`vorangehend~`, r`bisherig~`, r`obig~`,
    r`früher~`, r`ursprünglich~`, r`erst~`, r`dein~`, r`ihr~`, r`dies~`, r`jen~`, r`gegeben~`, r`erhalten~`, r`oben genannt~`,
    r`vorhergehend~`, r`alten`, r`aktuell~`, r`bestehend~`,
  ],
  priorStrict: [
    r`vorherig~`, r`vorig~`, r`vorangegangen~`, r`vorangehend~`, r`bisherig~`, r`obig~`, r`früher~`, r`ursprünglich~`, r`dein~`,
    r`ihre`, r`ihren`, r`gegeben~`, r`erhalten~`, r`oben genannt~`, r`vorhergehend~`,
  ],
  priorAfter: [r`(?:von )?(?:vorher|zuvor|oben|davor)`, r`bisher`, r`die (?:du|sie) (?:bekommen|erhalten|bisher)`, r`von (?:den|deinen) entwicklern`],
  rules: [
    r`anweisung~`, r`anordnung~`, r`instruktion~`, r`befehl~`, r`regel~`, r`vorgabe~`, r`richtlinie~`, r`prompt~`, r`systemprompt~`,
    r`einschränkung~`, r`beschränkung~`, r`restriktion~`, r`filter~`, r`programmierung~`, r`verbote?`, r`weisung~`,
  ],
  rulesBroad: [r`aufgabe~`, r`aufträge`, r`auftrag~`, r`eingabe~`, r`informationen`, r`kontext~`, r`angaben`, r`texte?`, r`dokumente?`, r`artikel~`, r`ausführung~`, r`gesagte~`],
  everything: [r`was (?:ich|wir|du|sie|man) (?:dir |ihnen |euch )?(?:vorher|zuvor|bisher|davor|oben) (?:gesagt|geschrieben|geschickt|gefragt|erzählt|besprochen|aufgetragen)`, r`alles(?: (?:davor|zuvor|vorher|bisherige|oben|bisher gesagte|was (?:du|ich|wir|man) [a-zäöüß]+))?`, r`das obige`, r`das (?:vorherige|bisherige|gesagte)`, r`alle`],
  reveal: [
    r`zeig~`, r`gib`, r`gebt`, r`geben${SIE}`, r`sag~`, r`nenn~`, r`verrat~`, r`wiederhol~`, r`schreib~`, r`druck~`, r`ausgeben`,
    r`teile?${SIE} (?:mir )?mit`, r`offenbar~`, r`enthüll~`, r`preisgeben`, r`buchstabier~`, r`übersetz~`, r`was (?:ist|sind|war|waren|lautet|lauten)`,
    r`wie (?:lautet|lauten|heißt|heisst)`, r`liste~`, r`kopier~`, r`fasse${SIE}`,
  ],
  secret: [
    r`(?:das|dein|deine|deines|deinem|ihr|ihre|ihres|euer|geheime|geheimes|den|die|des|dem) (?:[a-zäöüß]+ )?(?:passwort|kennwort|losungswort|geheimwort|codewort|zugangscode|geheimnis|geheimcode)(?:e?s)?`,
    r`(?:dein~|ihre?n?|gesamt~|ganz~|vollständig~|geheim~|versteckt~|ursprünglich~|erst~|anfänglich~) (?:[a-zäöüß]+ )?(?:systemprompt~|prompt~|prompt-text~|anweisung~|instruktion~|regeln|richtlinien|vorgaben)`,
    r`(?:den|die|das) (?:system-?prompt~|prompt-text~|prompt~)`,
    r`(?:den|die|das) (?:text|anweisungen|worte) (?:oben|davor|am anfang)`, r`was (?:dir|ihnen|man dir) (?:gesagt|aufgetragen|befohlen) wurde`,
    r`(?:am anfang|zu beginn) (?:dieses|des) (?:prompts|gesprächs|textes)`,
    r`was wurde (?:dir|ihnen|euch) (?:gesagt|aufgetragen|befohlen|mitgeteilt|vorgegeben)`,
    r`welche (?:anweisung~|instruktion~|regeln|vorgaben|richtlinien|befehle) (?:hast du|haben sie|habt ihr|wurden dir|wurden ihnen|befolgst du|befolgen sie) (?:bekommen|erhalten|gegeben|genau|aktuell|gerade)?`,
  ],
  secretYours: [r`(?:dein~|ihr~|euer~) (?:[a-zäöüß]+ )?(?:passwort|kennwort|geheimnis|systemprompt~|prompt~|anweisung~|instruktion~|regeln|richtlinien|vorgaben)`, r`was (?:dir|ihnen|man dir) (?:gesagt|aufgetragen|befohlen) wurde`,
    r`was wurde (?:dir|ihnen|euch) (?:gesagt|aufgetragen|befohlen|mitgeteilt|vorgegeben)`,
    r`welche (?:anweisung~|instruktion~|regeln|vorgaben|richtlinien|befehle) (?:hast du|haben sie|habt ihr|wurden dir|wurden ihnen|befolgst du|befolgen sie) (?:bekommen|erhalten|gegeben|genau|aktuell|gerade)?`],
  secretHeads: [r`passwort~`, r`kennwort~`, r`losungswort~`, r`geheim~`, r`codewort~`, r`prompt~`, r`systemprompt~`, r`anweisung~`, r`instruktion~`, r`richtlinie~`, r`regeln`, r`vorgaben`, r`gesagt`],
  stopwords: [r`und|nicht|ist|ich|du|mit|auf|für|eine|einen|einem|dem|wie|auch|oder|bitte|sind|wird|werden|haben|kann|mir|mich|dich|dir|alle|jetzt|noch|sehr|schon|aber|über|diese|deine|ihre|sie|die|der|das|den|des|ein|dein|deinen|ihren|vergiss|ignoriere|ignorieren|zeige|zeig|gib|sag|sage|verrate|nenne|schreibe|schreib|bist|anweisungen|regeln|passwort|alles|ohne|einfach|nur|ignorier|vergesst|vergessen|antworte|antworten|anweisung|vorgaben|richtlinien|keine|wurde|hast|halte|lass|deinen|deines|passworts|kennwort|geheimnis`],
  negators: [r`ohne`, r`nicht`, r`niemals`, r`nie`, r`keine?`],
  overrideExtra: [
    r`(?:alle|die) (?:vorherigen|bisherigen|obigen|vorangegangenen) (?:anweisungen|informationen|aufgaben|regeln)(?:,? [a-zäöüß]+){0,5},? (?:sind|waren) (?:nicht|ungültig|falsch|aufgehoben|hinfällig|nichtig|irrelevant|egal|veraltet|bedeutungslos|unwichtig|überholt)`,
    r`(?:lass|lassen sie) (?:alle )?(?:vorherigen|bisherigen) (?:informationen|anweisungen|aufgaben) hinter (?:dir|sich)`,
    r`(?:dein~|ihr~|eure~|obig~|vorherig~|bisherig~|vorangegangen~|ursprünglich~|früher~|alten|dies~) (?:[a-zäöüß]+ )?(?:anweisung~|instruktion~|regel~|vorgabe~|richtlinie~|befehle|einschränkung~)(?: [a-zäöüß]+){0,3} (?:gelten|gilt|zählen|zählt|sind|ist)(?: ab (?:jetzt|sofort))?(?: jetzt| nun)? (?:nicht mehr|nicht länger|ungültig|aufgehoben|nichtig|hinfällig|außer kraft|falsch|gelogen|erfunden|eine lüge)`,
    r`(?:lass|lasst|lassen sie)(?: [a-zäöüß]+){0,3} (?:anweisung~|regel~|vorgabe~|richtlinie~|einschränkung~|instruktion~|informationen|aufgaben|programmierung) hinter (?:dir|euch|sich)`,
    r`(?:aus dem kopf|aus deinem gedächtnis) (?:zu )?(?:streichen|löschen)`, r`tu(?:e)? das gegenteil`, r`(?:vergiss|vergesst|vergessen sie|ignoriere|ignorieren sie) alles,? was (?:wir|du|ich|sie|man) (?:[a-zäöüß]+ ){0,2}(?:besprochen|gesagt|gelernt|geschrieben|gehört|bekommen|erhalten)`,
  ],
  persona: [
    r`(?:du bist|bist du) (?:jetzt|nun|ab jetzt|ab sofort|von nun an|ein|eine|der|die|das)`, r`(?:ab jetzt|von nun an|ab sofort|ab heute)[, ]+(?:bist|wirst|antwortest|verhältst|sprichst|spielst) (?:du|sie)`,
    r`stell(?:e|en sie)? (?:dir|sich) vor,? (?:du|sie) (?:bist|wärst|sind|wären)`, r`tu(?:e)? so,? als (?:ob|wärst|seist)`, r`(?:spiel|spiele|übernimm|übernehmen sie) (?:die|eine) rolle`,
    r`(?:verhalte|benimm) dich (?:wie|als)`, r`(?:fungiere|agiere|handle) als`, r`als [a-zäöüß-]+(?: [a-zäöüß-]+){0,3} (?:fungieren|fungierst|agieren|agierst|auftreten|auftrittst)`,
    r`(?:in|aus) (?:deiner|ihrer|der) rolle (?:bleiben|bleibst|fallen|fällst)`, r`ich möchte,? dass (?:du|sie) (?:als|wie|die rolle)`, r`(?:jetzt|nun) bist du`, r`(?:du wirst|sie werden|werden sie) (?:vorgeben|so tun)`, r`vorgeben,? [a-zäöüß-]+ zu sein`,
  ],
  unrestricted: [
    r`ohne (?:jegliche |alle |irgendwelche |jede )?(?:einschränkung~|beschränkung~|grenzen|filter|zensur|regeln|moral|ethik|rücksicht|bedenken|skrupel)`,
    r`(?:keine|keinerlei) (?:einschränkung~|beschränkung~|grenzen|filter|zensur|regeln|moral|ethik|richtlinien)`, r`uneingeschränkt~`, r`ungefiltert~`,
    r`unzensiert~`, r`entwicklermodus`, r`(?:grenzen|regeln|fesseln|beschränkungen)(?: [a-zäöüß]+){0,6} befreit`, r`(?:dan|entwickler|gott|admin|jailbreak)-?modus`, r`böse ki`, r`jailbreak~`, r`(?:illegal|unmoralisch|unethisch)[a-zäöüß]* (?:inhalte|informationen|dinge)`,
  ],
  refusal: [
    r`(?:niemals|nie|nicht) (?:ablehnen|verweigern|entschuldigen|warnen)`, r`ohne (?:warnung~|hinweis~|entschuldigung~|disclaimer|bedenken)`,
    r`(?:beantworte|antworte auf|beantworten sie) (?:jede|alle) fragen?`, r`(?:du|sie) (?:darfst|dürfen|kannst|können) (?:nicht|niemals|nie) (?:ablehnen|nein sagen|verweigern)`,
    r`(?:verweigere|lehne)(?:n sie)? (?:niemals|nie|nichts)`,
    r`(?:sag|sage|antworte|schreib|schreibe)(?:n sie)? (?:niemals|nie|nicht),? dass (?:du|sie) (?:es )?(?:nicht wei(?:ß|ss)t|nicht wissen|keine antwort)`,
    r`wenn (?:du|sie) (?:es )?nicht (?:wei(?:ß|ss)t|wissen),? (?:dann )?(?:erfinde|erfinden sie|denk dir|lüge|lügen sie)`,
    r`(?:musst|müssen sie|sollst|sollen sie) (?:immer|jederzeit|in jedem fall) (?:antworten|eine antwort geben)`, r`(?:schreib|schreibe|schreiben sie|gib|geben sie|füge|fügen sie)(?: mir)? keine (?:erklärungen|kommentare|anmerkungen)`,
  ],
  contextSwitch: [
    r`wenn ich [^.!?\n]{1,40}(?:sage|schreibe|tippe)[, ]+(?:sagst|antwortest|schreibst) du`,
    r`(?:du bist|sie sind) (?:jetzt|nun|ab jetzt|ab sofort|von nun an)`, r`(?:ab jetzt|von nun an|ab sofort),? (?:bist du|sind sie)`,
    r`neue (?:aufgabe~|anweisung~|befehle|regeln|herausforderung|instruktion~)`, r`(?:nun|jetzt) (?:folgen|kommt|kommen) (?:neue|weitere|die nächste)`,
    r`(?:gut gemacht|sehr gut|super|toll|prima|ausgezeichnet|hervorragend|einfach großartig|herzlichen glückwunsch|wow)[!.,]+ (?:[a-zäöüß]+[.,!]? ){0,12}(?:jetzt|nun|aber|weitere|neue)`,
    r`das (?:genügt|reicht)`, r`(?:dies|das) ist kein~ (?:prompt-?injection|injektion|jailbreak|angriff|trick|hack)`,
    r`(?:^|[.!?] )(?:sag|sage|antworte|antworten sie)(?: einfach| nur)? (?:mit )?["']?(?:ja|nein)["']?(?:[.!]|$)`, r`(?:konzentriere dich|konzentrieren sie sich) (?:jetzt |nun )?auf`, r`fang(?:e|en sie)? (?:von vorne|neu) an`,
    r`(?:sag|sage|schreib|schreibe|gib|antworte)(?:n sie)? (?:nur|einfach|lediglich|stattdessen)`, r`weiter~ aufgabe~`, r`(?:noch )?(?:ein paar|einige|mehrere|zwei|drei) (?:weitere )?(?:aufgaben|herausforderungen)`, r`(?:du hast|sie haben) (?:das|es) (?:echt |wirklich |sehr )?(?:super|toll|gut|großartig|klasse|prima) gemacht`, r`(?:achtung|stopp?|halt)(?: ?-| ?[!:])`, r`(?:^| |[.!?] )(?:ok[.,]? |okay[.,]? |so[.,]? |gut[.,]? )?(?:jetzt|nun|ab jetzt|ab sofort|von nun an) bist du`, r`(?:sag|schreib|gib|antworte|mach|tu|nenne)e? stattdessen`, r`stattdessen (?:sag|schreib|gib|antworte|mach|tu|nenne)`,
  ],
  addressed: [
    r`in (?:deiner|ihrer|eurer) (?:antwort|ausgabe)`, r`(?:deine|ihre) (?:antwort|ausgabe) (?:muss|soll|sollte|darf)`,
    r`(?:beginne|starte|beende|ergänze|erweitere)(?:n sie)? (?:deine|ihre) (?:antwort|ausgabe)`, r`(?:liebe|lieber|hallo|hey) (?:ki|gpt|assistent|chatbot)`, r`(?:dass (?:du|sie)|du sollst|sie sollen|du wirst|sie werden) (?:nur|ausschließlich) (?:mit|als|in)(?: [a-zäöüß-]+){0,6} (?:antwortest|antworten)`,
  ],
  directive: [
    r`(?:^|\n|[.!?:] )(?:bitte )?(?:schreib|schreibe|gib|nenne|erkläre|beschreibe|übersetze|füge|erstelle|zeige|zeig|sag|sage|antworte|ignoriere|vergiss|stell dir vor|formuliere|generiere)`,
    r`(?:^|\n|[.!?:] )(?:schreiben|geben|nennen|erklären|beschreiben|übersetzen|fügen|erstellen|zeigen|sagen|antworten|ignorieren|vergessen|generieren) sie`,
  ],
  extractionExtra: [
    r`(?:wiederhol|zeig|schreib|druck|kopier|gib)(?:e|t|en sie)? (?:mir )?(?:den (?:ganzen |gesamten |obigen |vorherigen )?text|alles|alle nachrichten|die (?:vorherigen |obigen )?nachrichten|den (?:ganzen |gesamten )?inhalt|die (?:ganze |gesamte )?konversation)(?: von)? (?:oben|davor|darüber|zuvor|über dieser zeile|bis hierher)(?: wörtlich| wortwörtlich| wort für wort|[.!:"]|$)`,
    r`(?:wiederhol|zeig|schreib|druck|kopier|gib)(?:e|t|en sie)? (?:mir )?(?:den|die|das) (?:vorherigen?|obigen?|ersten?) (?:text|nachrichten?|sätze|zeilen|anweisungen)(?: wörtlich| wortwörtlich| wort für wort)?`,
  ],
  leakFormat: [r`rückwärts`, r`buchstabe für buchstabe`, r`jeden buchstaben`, r`in umgekehrter reihenfolge`, r`als gedicht`, r`in base64`, r`ersten buchstaben`],
};
