// Spanish. Imperatives differ by person (tú "ignora", usted "ignore", vosotros "ignorad") and carry
// object clitics ("ignóralas", "olvídalo"); adjectives follow the noun ("las instrucciones anteriores"),
// so the post-nominal pointer does most of the work. Often typed without accents.
import type { LangPack } from './types.js';

const r = String.raw;
const CL = r`(?:l[oa]s?|me|nos|te)?`; // enclitic object pronouns

export const es: LangPack = {
  id: 'es',
  writing: 'spaced',
  order: ['VO'],
  looseAccents: true,
  ignore: [
    r`ign[oó]ra${CL}`, r`ign[oó]re${CL}`, r`ignorad`, r`ignorar${CL}`, r`olvida${CL}`, r`olvíd(?:a|e)${CL}`, r`olvide${CL}`, r`olvidad`, r`olvidar`,
    r`descarta${CL}`, r`descarte${CL}`, r`omite${CL}`, r`omita${CL}`, r`haz caso omiso (?:de|a)`, r`haga caso omiso (?:de|a)`,
    r`no (?:sigas|siga|obedezcas|obedezca|respetes|respete|hagas caso (?:de|a)|tengas en cuenta|tomes en cuenta)`, r`deja de (?:seguir|obedecer|respetar)`,
    r`desobedece`, r`desobedezca`, r`salt[ae]te`, r`ev[ia]ta`, r`pasa por alto`, r`pase por alto`, r`anula`, r`anule`, r`elude`,
  ],
  ignoreSoft: [r`borra`, r`borre`, r`elimina`, r`elimine`, r`cambia`, r`cambie`, r`reemplaza`, r`desactiva`, r`desactive`, r`rompe`, r`quita`],
  prior: [r`todas?`, r`todos`, r`cualquier`, r`tus`, r`sus`, r`las`, r`los`, r`esas?`, r`estas?`, r`dichas`, r`anteriores`, r`previas`],
  priorStrict: [r`tus`, r`sus`, r`anteriores`, r`previas`, r`dichas`],
  priorAfter: [
    r`anteriores`, r`previas`, r`precedentes`, r`de (?:arriba|antes)`, r`originales`, r`iniciales`, r`del sistema`, r`que (?:te|le) (?:dieron|di|han dado)`,
    r`dadas`, r`recibidas`, r`(?:de )?hasta ahora`, r`previamente dadas`,
  ],
  rules: [
    r`instrucci[oó]n~`, r`indicaci[oó]n~`, r`[oó]rden(?:es)?`, r`reglas?`, r`normas?`, r`directrices`, r`pautas`, r`restricci[oó]n~`,
    r`limitaci[oó]n~`, r`filtros?`, r`prompt~`, r`comandos?`, r`programaci[oó]n`, r`directivas?`, r`consignas?`,
  ],
  rulesBroad: [r`tareas?`, r`informaci[oó]n`, r`contexto`, r`mensajes?`, r`textos?`, r`datos`],
  everything: [r`lo que (?:te |le |os )?(?:dije|he dicho|dijeron|han dicho|escrib[ií]|ped[ií]) (?:antes|anteriormente|hasta ahora|arriba)`, r`todo(?: lo (?:anterior|que (?:te |le )?(?:dije|digo|dijeron|sabes)))?`, r`lo anterior`, r`todo eso`],
  reveal: [
    r`muestra(?:me)?`, r`mu[eé]strame`, r`muestre(?:me)?`, r`dime`, r`di`, r`diga(?:me)?`, r`revela(?:me)?`, r`revele`, r`repite`, r`repita`,
    r`imprime`, r`imprima`, r`escribe`, r`escriba`, r`dame`, r`d[eé]me`, r`cu[aá]l(?:es)? (?:es|son|era|eran)`, r`ense[ñn]a(?:me)?`, r`comparte`, r`lista`,
    r`deletrea`,
  ],
  secret: [
    r`(?:la|tu|su) (?:[a-záéíóúñ]+ )?(?:contrase[ñn]a|clave(?: secreta)?|palabra secreta|c[oó]digo secreto)`, r`(?:el|tu|su) secreto`,
    r`(?:el )?(?:prompt|mensaje|indicaciones?) (?:del|de) sistema`, r`(?:tus|sus) (?:[a-záéíóúñ]+ )?(?:instrucciones|reglas|indicaciones|directrices|[oó]rdenes)`,
    r`(?:las )?instrucciones (?:originales|iniciales|ocultas|secretas)`, r`lo que (?:te|le) (?:dijeron|indicaron|ordenaron)`,
    r`(?:las |los )?(?:instrucciones|reglas|indicaciones|directrices|[oó]rdenes) que (?:te|le|os) (?:dieron|dio|han dado|dimos|di|indicaron|programaron)`,
    r`qu[eé] (?:instrucciones|reglas|indicaciones|directrices|[oó]rdenes) (?:te|le|os) (?:dieron|dio|han dado|indicaron|programaron)`,
  ],
  secretYours: [
    r`(?:tus|sus|tu|su) (?:[a-záéíóúñ]+ )?(?:instrucciones|reglas|indicaciones|directrices|[oó]rdenes|contrase[ñn]a|secreto|prompt)`, r`lo que (?:te|le) (?:dijeron|indicaron|ordenaron)`,
    r`(?:las |los )?(?:instrucciones|reglas|indicaciones|directrices|[oó]rdenes) que (?:te|le|os) (?:dieron|dio|han dado|indicaron|programaron)`,
    r`qu[eé] (?:instrucciones|reglas|indicaciones|directrices|[oó]rdenes) (?:te|le|os) (?:dieron|dio|han dado|indicaron|programaron)`,
  ],
  secretHeads: [r`contrase[ñn]a~`, r`clave~`, r`secret[oa]~`, r`prompt~`, r`instrucci[oó]n~`, r`indicaci[oó]n~`, r`reglas`, r`directrices`],
  stopwords: [r`que|los|las|por|para|una|del|pero|como|está|esto|eso|muy|también|ahora|puedes|dime|eres|tienes|hacer|todo|todas|todos|cómo|qué|usted|tus|sus|tambien|esta|mis|al|olvida|olvide|ignora|ignore|muestra|muéstrame|revela|instrucciones|contraseña|reglas|ya|así|nueva|nuevas|tarea|escribe|responde|solo|finge|actúa|actua|eres|dije|dime|sin|olvídate|olvidate|repite|qué|cuál|cual`],
  negators: [r`sin`, r`no`, r`nunca`, r`jam[aá]s`],
  overrideExtra: [
    r`(?:las )?instrucciones (?:anteriores|previas|de arriba) (?:ya )?(?:no (?:son|est[aá]n|valen|aplican)|son (?:falsas|inv[aá]lidas|nulas))`,
    r`haz (?:exactamente )?lo contrario (?:de|a) lo que`,
  ],
  persona: [
    r`(?:a partir de ahora|desde ahora|de ahora en adelante)[, ]+(?:eres|ser[aá]s|act[uú]a|actuar[aá]s|responder[aá]s|vas a)`, r`(?:ahora )?eres (?:un|una|el|la)`,
    r`act[uú]a(?:r)? como`, r`act[uú]e como`, r`finge (?:ser|que)`, r`finja (?:ser|que)`, r`haz de cuenta`, r`(?:interpreta|desempe[ñn]a|juega) (?:el|un) (?:papel|rol)`,
    r`imagina que eres`, r`(?:mantente|permanece|qu[eé]date) en (?:el |tu )?personaje`, r`(?:pretende|simula) (?:ser|que)`, r`ponte en (?:el )?papel`,
  ],
  unrestricted: [
    r`sin (?:ninguna |ning[uú]n |ningunas? )?(?:restricci[oó]n~|l[ií]mites?|filtros?|censura|reglas|[eé]tica|moral)`, r`modo (?:desarrollador|dios|dan|sin restricciones)`,
    r`sin censura`, r`no tienes (?:ninguna |ning[uú]n )?(?:restricci[oó]n~|l[ií]mites?|reglas|filtros)`, r`ia malvada`, r`sin escr[uú]pulos`,
  ],
  refusal: [
    r`nunca (?:te niegues|rechaces|digas que no|te disculpes|adviertas)`, r`no (?:te niegues|rechaces|te disculpes|des advertencias|incluyas advertencias)`,
    r`sin (?:advertencias|disculpas|descargos|avisos)`, r`responde (?:a )?(?:todas|cualquier) (?:las )?preguntas?`,
  ],
  contextSwitch: [
    r`(?:si|cuando) (?:yo )?(?:digo|escribo) [^.!?\n]{1,40}(?:tú|tu|usted) (?:dices|respondes|escribes|dice|responde)`,
    r`(?:ahora|desde ahora|a partir de ahora|de ahora en adelante),? (?:eres|serás|usted es)`,
    r`nueva (?:tarea|instrucci[oó]n|orden|misi[oó]n)`, r`nuevas (?:instrucciones|[oó]rdenes|tareas|reglas)`, r`ahora (?:di|dime|escribe|responde|imprime)`,
    r`en (?:su|tu) lugar`, r`en vez de eso`, r`(?:muy bien|bien hecho|excelente|perfecto|felicidades|genial)[!.,]+ (?:[a-záéíóúñ]+ ){0,12}(?:ahora|pero)`,
    r`(?:solo|solamente|simplemente) (?:di|dime|escribe|responde)`, r`(?:responde|contesta|di|escribe)(?:me)? (?:solo|solamente|[uú]nicamente) (?:con )?["'«]~`,
  ],
  addressed: [r`en (?:tu|su) respuesta`, r`(?:tu|su) respuesta (?:debe|deber[ií]a|tiene que)`, r`(?:comienza|empieza|termina|inicia) (?:tu|su) respuesta`],
  directive: [
    r`(?:^|\n|[.!?:] )(?:por favor,? )?(?:escribe|proporciona|describe|explica|traduce|incluye|a[ñn]ade|di|dime|genera|crea|responde|ignora|olvida|imagina|act[uú]a|muestra)`,
  ],
  extractionExtra: [
    r`(?:repite|repita|muestra|muestre|imprime|imprima|copia|copie|escribe|escriba)(?:me)? (?:todo |todos )?(?:el texto|lo|los mensajes|el contenido|la conversaci[oó]n)? ?(?:de )?(?:arriba|anterior|anteriores|previo|de antes)(?: palabra por palabra| textualmente| literalmente|[.!:"]|$)`,
  ],
  leakFormat: [r`al rev[eé]s`, r`letra por letra`, r`cada letra`, r`en base64`, r`como (?:un )?poema`, r`en orden inverso`],
};
