// French. Imperatives in tu and vous forms ("ignore", "ignorez"), negation wraps the verb ("ne suis
// plus les consignes", "ne tenez pas compte de"), object pronouns go before the verb or after it with a
// hyphen ("oublie-les"), adjectives follow the noun ("les instructions précédentes").
import type { LangPack } from './types.js';

const r = String.raw;

export const fr: LangPack = {
  id: 'fr',
  writing: 'spaced',
  order: ['VO'],
  looseAccents: true,
  ignore: [
    r`ignore(?:z|-les|s)?`, r`ignorer`, r`oublie(?:z|-les|s)?`, r`oublier`, r`ne (?:tiens|tenez|tenons) (?:pas|plus) compte (?:de|des|du)`,
    r`fai(?:s|tes) abstraction (?:de|des|du)`, r`ne (?:suis|suivez|respecte|respectez|obéis|obéissez) (?:pas|plus)(?: à)?`, r`cesse(?:z)? de (?:suivre|respecter|tenir compte)`,
    r`laisse(?:z)? tomber`, r`écarte(?:z)?`, r`passe(?:z)? outre(?: à)?`, r`contourne(?:z)?`, r`désobéis(?:sez)?(?: à)?`, r`outrepasse(?:z)?`,
    r`mets(?:-les)? de côté`, r`mettez(?:-les)? de côté`, r`fais fi (?:de|des|du)`, r`faites fi (?:de|des|du)`,
  ],
  ignoreSoft: [r`efface(?:z)?`, r`supprime(?:z)?`, r`annule(?:z)?`, r`remplace(?:z)?`, r`désactive(?:z)?`, r`change(?:z)?`, r`enfreins`, r`enfreignez`],
  prior: [r`toutes?`, r`tous`, r`tes`, r`vos`, r`les`, r`ces`, r`des`, r`aux`, r`précédentes`],
  priorStrict: [r`tes`, r`vos`, r`précédentes`],
  priorAfter: [
    r`précédent(?:e|es|s)?`, r`ci-dessus`, r`antérieur(?:e|es|s)?`, r`initial(?:e|es|s)?`, r`d'origine`, r`originales?`, r`du système`,
    r`(?:que|qu'on) (?:tu as|vous avez|t'a|vous a|on t'a|on vous a) (?:reçu|donné|données|reçues)`, r`données?`, r`reçues?`, r`jusqu'(?:ici|à présent|à maintenant)`,
  ],
  rules: [
    r`instructions?`, r`consignes?`, r`directives?`, r`règles?`, r`ordres?`, r`commandes?`, r`restrictions?`, r`limitations?`, r`filtres?`,
    r`prompt~`, r`invite~`, r`programmation`, r`recommandations?`, r`contraintes?`,
  ],
  rulesBroad: [r`tâches?`, r`informations?`, r`contexte`, r`messages?`, r`textes?`, r`données`],
  everything: [r`ce que (?:je t'ai|je vous ai|on t'a|on vous a|j'ai) (?:dit|écrit|demandé) (?:avant|plus tôt|auparavant|précédemment|jusqu'ici|ci-dessus)`, r`tout(?: ce (?:que|qui) (?:je t'ai|on t'a|tu sais|précède|a été dit)[a-zéè ]*)?`, r`ce qui précède`, r`tout cela`, r`tout ça`],
  reveal: [
    r`montre(?:z)?(?:-moi)?`, r`affiche(?:z)?`, r`r[ée]v[èé]le(?:z)?`, r`répète(?:z)?`, r`répétez`, r`imprime(?:z)?`, r`écri(?:s|vez)`, r`donne(?:z)?(?:-moi)?`,
    r`di(?:s|tes)(?:-moi)?`, r`quel(?:le)?s? (?:est|sont|était|étaient)`, r`récite(?:z)?`, r`partage(?:z)?`, r`liste(?:z)?`, r`épelle(?:z)?`, r`communique(?:z)?`,
  ],
  secret: [
    r`(?:le|ton|votre) (?:[a-zéèêàç]+ )?(?:mot de passe|code secret|mot secret|secret)`, r`(?:le |l')?(?:prompt|invite|message|instructions?) (?:du )?système`,
    r`(?:tes|vos) (?:[a-zéèêàç]+ )?(?:instructions|consignes|règles|directives)`, r`(?:les )?instructions (?:initiales|originales|cachées|secrètes)`,
    r`ce qu'on (?:t'a|vous a) (?:dit|demandé|ordonné)`,
    r`(?:les )?(?:instructions|consignes|règles|directives) (?:qu'on|que l'on|que) (?:t'a|vous a|tu as|vous avez) (?:données|reçues|fournies|dites|donné)`,
    r`quel(?:le)?s? (?:instructions|consignes|règles|directives) (?:as-tu|avez-vous|t'a-t-on|vous a-t-on|on t'a|on vous a) (?:reçues?|données?|fournies?)`,
  ],
  secretYours: [
    r`(?:tes|vos|ton|votre) (?:[a-zéèêàç]+ )?(?:instructions|consignes|règles|directives|mot de passe|secret|prompt)`, r`ce qu'on (?:t'a|vous a) (?:dit|demandé|ordonné)`,
    r`(?:les )?(?:instructions|consignes|règles|directives) (?:qu'on|que l'on|que) (?:t'a|vous a|tu as|vous avez) (?:données|reçues|fournies|dites|donné)`,
    r`quel(?:le)?s? (?:instructions|consignes|règles|directives) (?:as-tu|avez-vous|t'a-t-on|vous a-t-on|on t'a|on vous a) (?:reçues?|données?|fournies?)`,
  ],
  secretHeads: [r`mot de passe`, r`secret~`, r`prompt~`, r`invite~`, r`instructions?`, r`consignes?`, r`règles`, r`directives`],
  stopwords: [r`les|des|c'est|pour|une|vous|tu|ne|pas|avec|dans|sur|mais|cette|sont|je|moi|toi|votre|ton|tes|tout|toutes|ce|qui|quoi|comment|vos|du|au|aux|et|oublie|oubliez|ignorez|montre|affiche|révèle|dis|donne|donnez|es|consignes|règles|mot de passe|un|sans|fais|faites|être|d'être|quel|quelle|quelles|as-tu|réponds|écris|tâche|nouvelle|instructions|répète|t'ai`],
  negators: [r`sans`, r`ne`, r`jamais`, r`pas`],
  overrideExtra: [
    r`(?:les )?(?:instructions|consignes) (?:précédentes|ci-dessus) (?:ne sont plus|sont (?:fausses|nulles|annulées|caduques))`,
    r`fai(?:s|tes) (?:exactement )?le contraire de ce que`,
  ],
  persona: [
    r`(?:à partir de maintenant|désormais|dorénavant|dès maintenant)[, ]+(?:tu es|tu seras|tu vas|vous êtes|vous serez|vous allez|tu agiras|réponds|agis)`,
    r`tu es (?:maintenant|désormais|dorénavant)`, r`vous êtes (?:maintenant|désormais)`, r`fai(?:s|tes) (?:comme si|semblant)`, r`agi(?:s|ssez) comme`,
    r`jou(?:e|ez) (?:le|un) rôle`, r`imagine(?:z)? que (?:tu es|vous êtes)`, r`mets-toi dans la peau`, r`reste(?:z)? dans (?:ton|votre|le) personnage`, r`incarne(?:z)?`,
    r`comporte-toi comme`, r`comportez-vous comme`,
  ],
  unrestricted: [
    r`sans (?:aucune? )?(?:restrictions?|limites?|filtres?|censure|règles?|éthique|morale|scrupules)`, r`mode (?:développeur|dieu|dan|sans restriction)`,
    r`non censurée?`, r`aucune (?:restriction|limite|règle)`, r`ia malveillante`,
  ],
  refusal: [
    r`ne (?:refuse|refusez) jamais`, r`ne (?:t'excuse|vous excusez) (?:pas|jamais)`, r`sans (?:avertissements?|excuses|mises? en garde)`,
    r`réponds à toutes les questions`, r`répondez à toutes les questions`, r`tu ne peux pas refuser`,
  ],
  contextSwitch: [
    r`(?:quand|si) je (?:dis|écris) [^.!?\n]{1,40}(?:tu dis|vous dites|tu réponds|vous répondez|tu écris)`,
    r`(?:tu es|vous êtes) (?:maintenant|désormais|dorénavant)`, r`(?:maintenant|désormais|à partir de maintenant),? (?:tu es|vous êtes|tu seras)`,
    r`nouvelles? (?:tâches?|instructions?|consignes?|ordres?|missions?)`, r`maintenant,? (?:dis|écris|réponds|donne|affiche)`, r`à la place`,
    r`au lieu de cela`, r`(?:très bien|bravo|excellent|parfait|félicitations|super)[!.,]+ (?:[a-zéèêàç']+ ){0,12}(?:maintenant|mais)`,
    r`(?:dis|écris|réponds) (?:seulement|simplement|uniquement)`,
  ],
  addressed: [r`dans (?:ta|votre) réponse`, r`(?:ta|votre) réponse (?:doit|devrait)`, r`(?:commence|commencez|termine|terminez) (?:ta|votre) réponse`],
  directive: [
    r`(?:^|\n|[.!?:] )(?:s'il te plaît,? |s'il vous plaît,? )?(?:écris|écrivez|fournis|fournissez|décris|décrivez|explique|expliquez|traduis|traduisez|inclus|incluez|ajoute|ajoutez|dis|dites|donne|donnez|génère|générez|crée|créez|réponds|répondez|ignore|ignorez|oublie|oubliez|imagine|imaginez)`,
  ],
  extractionExtra: [
    r`(?:répète|répétez|affiche|affichez|imprime|imprimez|recopie|recopiez|écris|écrivez)(?:-moi)? (?:tout |le texte |les messages |le contenu |la conversation )?(?:ci-dessus|précédent(?:e|s|es)?|d'avant|au-dessus)(?: mot pour mot| à l'identique| textuellement|[.!:"]|$)`,
  ],
  leakFormat: [r`à l'envers`, r`lettre par lettre`, r`chaque lettre`, r`en base64`, r`sous forme de poème`, r`dans l'ordre inverse`],
};
