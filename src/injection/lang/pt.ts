// Portuguese (European and Brazilian). Imperatives vary by register ("ignore", "ignora", "ignorem"),
// negative commands use "não" ("não siga"), clitics attach with a hyphen ("esqueça-as"), adjectives
// follow the noun ("as instruções anteriores"). Often typed without accents.
import type { LangPack } from './types.js';

const r = String.raw;
const CL = r`(?:-?(?:as|os|a|o|me|nos))?`;

export const pt: LangPack = {
  id: 'pt',
  writing: 'spaced',
  order: ['VO'],
  looseAccents: true,
  ignore: [
    r`ignore${CL}`, r`ignora${CL}`, r`ignorem`, r`ignorar`, r`esqueça${CL}`, r`esquece${CL}`, r`esqueçam`, r`esquecer`, r`desconsidere${CL}`,
    r`desconsidera`, r`descarte${CL}`, r`despreze${CL}`, r`não (?:siga|sigas|obedeça|respeite|leve em conta|considere)`, r`deixe de (?:seguir|obedecer|respeitar)`,
    r`pare de (?:seguir|obedecer|respeitar)`, r`pule`, r`contorne`, r`burle`, r`desobedeça`, r`passe por cima (?:de|das|dos)`,
  ],
  ignoreSoft: [r`apague`, r`elimine`, r`cancele`, r`substitua`, r`desative`, r`mude`, r`remova`, r`quebre`, r`viole`],
  prior: [r`todas?`, r`todos`, r`quaisquer`, r`qualquer`, r`suas`, r`tuas`, r`as`, r`os`, r`essas`, r`estas`, r`anteriores`],
  priorStrict: [r`suas`, r`tuas`, r`anteriores`],
  priorAfter: [
    r`anteriores`, r`prévias`, r`acima`, r`de antes`, r`iniciais`, r`originais`, r`do sistema`, r`que (?:você recebeu|te deram|lhe deram|eu dei)`, r`recebidas`,
    r`dadas`, r`até agora`,
  ],
  rules: [r`instruç(?:ão|ões)`, r`orientaç(?:ão|ões)`, r`regras?`, r`diretrizes?`, r`ordens?`, r`comandos?`, r`restriç(?:ão|ões)`, r`limitaç(?:ão|ões)`, r`filtros?`, r`prompt~`, r`programação`, r`normas?`],
  rulesBroad: [r`tarefas?`, r`informaç(?:ão|ões)`, r`contexto`, r`mensagens?`, r`textos?`],
  everything: [r`o que (?:eu )?(?:te |lhe |vos )?(?:disse|falei|escrevi|pedi) (?:antes|anteriormente|até agora|acima)`, r`tudo(?: o que (?:eu disse|te disse|você sabe|foi dito))?`, r`o que foi dito (?:antes|acima)`, r`tudo isso`],
  reveal: [
    r`mostr[ea](?:-me)?`, r`me mostr[ea]`, r`revel[ea](?:-me)?`, r`repit[ae]`, r`imprim[ae]`, r`escrev[ae]`, r`diga(?:-me)?`, r`me diga`, r`diz`,
    r`me d[êe]`, r`d[êe]-me`, r`qual (?:é|era)`, r`quais (?:são|eram)`, r`liste`, r`compartilhe`, r`soletre`, r`conte(?:-me)?`,
  ],
  secret: [
    r`(?:a|sua|tua) (?:[a-zçãõáéíóúâêô]+ )?(?:senha|palavra-passe|palavra secreta|chave secreta|código secreto)`, r`(?:o|seu|teu) segredo`,
    r`(?:o )?(?:prompt|mensagem|instruç(?:ão|ões)) do sistema`, r`(?:suas|tuas) (?:[a-zçãõáéíóúâêô]+ )?(?:instruç(?:ões|ão)|regras|diretrizes|orientações)`,
    r`(?:as )?instruções (?:iniciais|originais|ocultas|secretas)`, r`o que (?:te|lhe) (?:disseram|mandaram|instruíram)`,
    r`(?:o )?(?:seu|teu) (?:[a-zçãõáéíóúâêô]+ )?(?:prompt|segredo)(?: (?:de|do) sistema)?`,
    r`(?:as )?(?:instruç(?:ões|ão)|regras|diretrizes|orientações) que (?:você|tu) (?:recebeu|recebeste|tem|segue)|(?:as )?(?:instruç(?:ões|ão)|regras|diretrizes) que (?:te|lhe) (?:deram|foram dadas)`,
    r`quais (?:instruç(?:ões|ão)|regras|diretrizes|orientações) (?:você|tu) (?:recebeu|recebeste|tem|segue)|quais (?:instruç(?:ões|ão)|regras) (?:te|lhe) (?:deram|foram dadas)`,
  ],
  secretYours: [
    r`(?:as )?(?:instruç(?:ões|ão)|regras|diretrizes|orientações) que (?:você|tu) (?:recebeu|recebeste|tem|segue)|(?:as )?(?:instruç(?:ões|ão)|regras|diretrizes) que (?:te|lhe) (?:deram|foram dadas)`,
    r`quais (?:instruç(?:ões|ão)|regras|diretrizes|orientações) (?:você|tu) (?:recebeu|recebeste|tem|segue)|quais (?:instruç(?:ões|ão)|regras) (?:te|lhe) (?:deram|foram dadas)`,
    r`(?:suas|tuas|seus|teus) (?:[a-zçãõáéíóúâêô]+ )?(?:instruç(?:ões|ão)|regras|diretrizes|orientações)`, r`(?:sua|tua) (?:senha|palavra-passe|palavra secreta)`, r`(?:seu|teu) (?:segredo|prompt)`],
  secretHeads: [r`senha~`, r`palavra-passe`, r`segred~`, r`prompt~`, r`instruç~`, r`orientaç~`, r`regras`, r`diretrizes`],
  stopwords: [r`não|nao|você|voce|vocês|uma|para|isso|este|esta|muito|também|agora|pode|seu|sua|todas|todos|então|porque|por favor|me diga|suas|seus|apenas|da|das|dos|pelo|pela|nas|ao|aos|esqueça|esqueca|desconsidere|ignore|mostre|revele|diga|instruções|instrucoes|senha|regras|quais|qual|eu|disse|sem|finja|nova|novas|tarefa|responda|escreva|seu|recebeu|o|texto|acima|repita|palavra`],
  negators: [r`sem`, r`não`, r`nunca`, r`jamais`],
  overrideExtra: [
    r`(?:as )?instruções (?:anteriores|acima) (?:não (?:são|estão|valem)|são (?:falsas|inválidas|nulas))`, r`faça (?:exatamente )?o contrário do que`,
  ],
  persona: [
    r`(?:a partir de agora|de agora em diante|daqui para frente)[, ]+(?:você é|você será|tu és|serás|aja|atue|responda|você vai)`, r`(?:agora )?você é (?:um|uma|o|a)`,
    r`aja como`, r`atue como`, r`finja (?:ser|que)`, r`faça de conta`, r`(?:interprete|desempenhe|faça) o papel`, r`imagine que (?:você é|é)`,
    r`(?:permaneça|fique|continue) no personagem`, r`comporte-se como`,
  ],
  unrestricted: [
    r`sem (?:nenhuma |nenhum |quaisquer )?(?:restriç(?:ão|ões)|limites?|filtros?|censura|regras|ética|moral)`, r`modo (?:desenvolvedor|deus|dan|sem restrições)`,
    r`sem censura`, r`não tem (?:nenhuma )?(?:restriç(?:ão|ões)|limites?|regras)`, r`ia malvada`,
  ],
  refusal: [
    r`nunca (?:recuse|se recuse|negue|peça desculpas|se desculpe)`, r`não (?:recuse|se recuse|se desculpe|dê avisos)`, r`sem (?:avisos|advertências|desculpas|ressalvas)`,
    r`responda (?:a )?(?:todas|qualquer) (?:as )?perguntas?`,
  ],
  contextSwitch: [
    r`(?:agora|a partir de agora|de agora em diante),? (?:você é|voce e|tu és|você será)`,
    r`nova (?:tarefa|instrução|ordem|missão)`, r`novas (?:instruções|ordens|tarefas|regras)`, r`agora (?:diga|escreva|responda|imprima|me diga)`, r`em vez disso`, r`ao invés disso`,
    r`(?:muito bem|excelente|perfeito|parabéns|ótimo)[!.,]+ (?:[a-zçãõáéíóúâêô]+ ){0,12}(?:agora|mas)`,
  ],
  addressed: [r`(?:na|em) (?:sua|tua) resposta`, r`(?:sua|tua) resposta (?:deve|deveria|precisa)`, r`(?:comece|termine|inicie) (?:sua|tua|a) resposta`],
  directive: [
    r`(?:^|\n|[.!?:] )(?:por favor,? )?(?:escreva|forneça|descreva|explique|traduza|inclua|adicione|diga|dê|gere|crie|responda|ignore|esqueça|imagine|mostre)`,
  ],
  extractionExtra: [
    r`(?:repita|repete|mostre|mostra|imprima|copie|escreva)(?:-me)? (?:todo |o texto |as mensagens |o conteúdo |a conversa )?(?:acima|anterior|anteriores|de antes)(?: palavra por palavra| literalmente|[.!:"]|$)`,
  ],
  leakFormat: [r`de trás para frente`, r`ao contrário`, r`letra por letra`, r`cada letra`, r`em base64`, r`como um poema`],
};
