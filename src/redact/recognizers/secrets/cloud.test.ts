// Cloud provider formats, end to end through the scanner: synthetic valid values are found with the
// right entity and exact span; documentation placeholders and near misses are not.
import { describe, expect, it } from 'vitest';
import { ALNUM, B64, DIGITS, HEX, LOWER, UPPER, prng, rand, scan } from './testing/tokens.js';

const next = prng(101);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);
const AWS_ID = `AKIA${r(UPPER + '234567', 16)}`;
const AWS_STS = `ASIA${r(UPPER + DIGITS, 16)}`;
const AWS_SECRET = `${r(ALNUM, 20)}/${r(ALNUM, 9)}+${r(ALNUM, 9)}`;
const AZURE_STORAGE = `${r(B64, 86)}==`;
const AZURE_AD = `${r(ALNUM, 3)}8Q~${r(ALNUM, 34)}`;
const SAS_SIG = `${r(ALNUM, 40)}%3D`;
/** base64 of random bytes, as `kubectl create secret` writes them. */
const K8S_VALUE = Buffer.from(r(ALNUM + '!#%', 24)).toString('base64');
const K8S_USER = Buffer.from('svc').toString('base64');

describe('cloud recognizers find valid values', () => {
  it.each([
    ['AWS access key id', `aws_access_key_id = ${AWS_ID}`, 'AWS_ACCESS_KEY_ID', AWS_ID],
    ['AWS STS key id', `"AccessKeyId": "${AWS_STS}"`, 'AWS_ACCESS_KEY_ID', AWS_STS],
    ['AWS secret next to its name', `aws_secret_access_key = ${AWS_SECRET}`, 'AWS_SECRET_ACCESS_KEY', AWS_SECRET],
    ['AWS secret in JSON', `{"SecretAccessKey": "${AWS_SECRET}"}`, 'AWS_SECRET_ACCESS_KEY', AWS_SECRET],
    ['AWS session token', `IQoJb3JpZ2luX2Vj${r(B64, 180)}`, 'AWS_SESSION_TOKEN', 'IQoJb3JpZ2lu'],
    ['Bedrock long-term key', `ABSK${r(B64, 120)}`, 'AWS_BEDROCK_API_KEY', 'ABSK'],
    ['Google API key', `key=AIza${r(ALNUM + '_-', 35)}&q=1`, 'GOOGLE_API_KEY', 'AIza'],
    ['Google OAuth client secret', `GOCSPX-${r(ALNUM, 28)}`, 'GOOGLE_OAUTH_CLIENT_SECRET', 'GOCSPX-'],
    ['Google OAuth client id', `"client_id": "${r(DIGITS, 12)}-${r(LOWER + DIGITS, 32)}.apps.googleusercontent.com"`, 'GOOGLE_OAUTH_CLIENT_ID', '.apps.googleusercontent.com'],
    ['Google OAuth access token', `ya29.${r(ALNUM + '_-', 60)}`, 'GOOGLE_OAUTH_ACCESS_TOKEN', 'ya29.'],
    ['Google refresh token', `refresh: 1//0${r(ALNUM + '_-', 60)}`, 'GOOGLE_OAUTH_REFRESH_TOKEN', '1//0'],
    ['GCP service-account marker', '{ "type": "service_account", "project_id": "p" }', 'GCP_SERVICE_ACCOUNT', '"type": "service_account"'],
    ['Azure storage account key', `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${AZURE_STORAGE};`, 'AZURE_STORAGE_ACCOUNT_KEY', AZURE_STORAGE],
    ['Azure AD client secret', `client_secret: ${AZURE_AD}`, 'AZURE_AD_CLIENT_SECRET', AZURE_AD],
    ['Azure SAS signature', `https://a.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=${SAS_SIG}`, 'AZURE_SAS_TOKEN', SAS_SIG],
    ['Azure identifiable key', `${r(ALNUM, 52)}JQQJ99ALACAAAAAAAAAAAAASAZDO${r(ALNUM, 4)}==`, 'AZURE_KEY', 'JQQJ99'],
    ['Alibaba key id', `LTAI${r(ALNUM, 16)}`, 'ALIBABA_ACCESS_KEY_ID', 'LTAI'],
    ['Tencent secret id', `AKID${r(ALNUM, 32)}`, 'TENCENT_SECRET_ID', 'AKID'],
    ['DigitalOcean PAT', `dop_v1_${r(HEX, 64)}`, 'DIGITALOCEAN_TOKEN', 'dop_v1_'],
    ['Heroku key', `HRKU-${r(ALNUM + '_-', 60)}`, 'HEROKU_API_KEY', 'HRKU-'],
    ['Cloudflare token', `cfut_${r(ALNUM, 44)}`, 'CLOUDFLARE_API_TOKEN', 'cfut_'],
    ['Cloudflare Origin CA key', `CF_ORIGIN_CA_KEY=v1.0-${r(HEX, 24)}-${r(HEX, 146)}`, 'CLOUDFLARE_API_KEY', 'v1.0-'],
    ['OpenShift token', `oc login --token=sha256~${r(ALNUM + '_-', 43)}`, 'OPENSHIFT_TOKEN', 'sha256~'],
    ['AWS MWS key', `amzn.mws.${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`, 'AWS_MWS_KEY', 'amzn.mws.'],
    ['AppSync key', `apiKey: "da2-${r(LOWER + DIGITS, 26)}"`, 'AWS_APPSYNC_API_KEY', 'da2-'],
    ['AWS key id placeholder of the exact shape', `AKIA${'W'.repeat(16)}`, 'AWS_ACCESS_KEY_ID', 'AKIA'],
    ['AWS key id, legacy A3T prefix', `A3T${r(UPPER + DIGITS, 17)}`, 'AWS_ACCESS_KEY_ID', 'A3T'],
    ['AWS key id, ACCA prefix', `"${'ACCA'}${r(UPPER + '234567', 16)}"`, 'AWS_ACCESS_KEY_ID', 'ACCA'],
    ['WeChat AppID', `"appid": "wx${r(HEX, 16)}"`, 'WECHAT_APP_ID', 'wx'],
    ['Firebase Hosting domain', `authDomain: "shop-${r(LOWER + DIGITS, 5)}.firebaseapp.com",`, 'FIREBASE_DOMAIN', '.firebaseapp.com'],
    ['CAST AI key', `CASTAI_API_KEY="castai_v1_${r(ALNUM, 64)}_${r(ALNUM, 8)}"`, 'CASTAI_API_KEY', 'castai_v1_'],
    ['Data Factory SHIR key', `authKey: IR@${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}@adf-shop-01@we@${r(B64, 43)}=`, 'AZURE_DATA_FACTORY_KEY', 'IR@'],
    ['Firebase database URL', `https://acme-prod-default-rtdb.firebaseio.com/users.json`, 'FIREBASE_DOMAIN', 'acme-prod-default-rtdb.firebaseio.com'],
    ['Alibaba key id without a digit', `AccessKeyId: LTAI${r(UPPER + LOWER, 20)}`, 'ALIBABA_ACCESS_KEY_ID', 'LTAI'],
    ['Kubernetes Secret, data after the kind', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  user: ${K8S_USER}\n  extra: ${K8S_VALUE}\n`, 'KUBERNETES_SECRET', K8S_VALUE],
    ['Kubernetes Secret, data before the kind', `apiVersion: v1\ndata:\n\textra: '${K8S_VALUE}'\nkind: 'Secret'\nmetadata:\n\tname: db`, 'KUBERNETES_SECRET', K8S_VALUE],
    ['Kubernetes Secret, block scalar', `kind: Secret\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: |\n    ${K8S_VALUE}\n`, 'KUBERNETES_SECRET', K8S_VALUE],
  ])('%s', (_label, text, entity, needle) => {
    const hit = scan(text).find((f) => f.entity === entity);
    expect(hit, `${entity} in ${text}`).toBeDefined();
    expect(hit?.value).toContain(needle);
  });

  it('the CAST AI shape under another prefix is not a CAST AI key', () => {
    expect(scan(`key = test_v1_${r(ALNUM, 64)}_${r(ALNUM, 8)}`).filter((f) => f.entity === 'CASTAI_API_KEY')).toEqual([]);
  });

  describe('a Google API key needs a word around it that says what it is', () => {
    const KEY = `AIzaSy${r(ALNUM + '_-', 33)}`;
    it.each([
      ['Maps URL parameter', `https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${KEY}`],
      ['Firebase config', `const firebaseConfig = {\n  apiKey: "${KEY}",\n  projectId: "shop"\n};`],
      ['Gemini environment variable', `export GEMINI_API_KEY=${KEY}`],
      ['header', `curl -H "x-goog-api-key: ${KEY}" https://generativelanguage.googleapis.com/v1beta/models`],
      ['named after the value', `${KEY} # Google API Key`],
      ['prose, named after the value', `Can you tell me why ${KEY} stops working when I call Gemini from my phone?`],
    ])('%s: found', (_label, text) => {
      expect(scan(text).filter((f) => f.entity === 'GOOGLE_API_KEY').map((f) => f.value)).toEqual([KEY]);
    });

    it.each([
      ['bare', KEY],
      ['in a list of values', `values: ${KEY}, 42, true`],
      ['word only beyond 64 characters after', `${KEY} ${'lorem ipsum dolor sit amet '.repeat(3)} key`],
      ['word only beyond 64 characters before', `key ${'lorem ipsum dolor sit amet '.repeat(3)}${KEY}`],
    ])('%s: not reported', (_label, text) => {
      expect(scan(text).filter((f) => f.entity === 'GOOGLE_API_KEY')).toEqual([]);
    });
  });

  it('an AWS secret alone (no name nearby) is not reported', () => {
    expect(scan(`value ${AWS_SECRET} end`).filter((f) => f.entity === 'AWS_SECRET_ACCESS_KEY')).toEqual([]);
  });
});

describe('cloud recognizers reject placeholders and near misses', () => {
  it.each([
    ['documentation key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
    ['masked key id', 'AKIAXXXXXXXXXXXXXXXX'],
    ['lower-case key id', `akia${'w'.repeat(16)}`],
    ['key id one character short', `AKIA${'W'.repeat(15)}`],
    ['DNA primer starting like a key id', 'primer F: ACCAGTTACGGATCCATGCA'],
    ['capitalised words of key-id length', 'ASIATRAVELGUIDEBOOKS'],
    ['WeChat-shaped filler', `wx${'0'.repeat(16)}`],
    ['WeChat-shaped without digits', 'wxabcdefabcdefabcd'],
    ['WeChat-shaped inside a word', `mywx${r(HEX, 16)}`],
    ['Firebase template domain', 'authDomain: "your-project.firebaseapp.com"'],
    ['Firebase placeholder project id', 'databaseURL: "https://project-id.firebaseio.com"'],
    ['Firebase template in angle brackets', 'https://<project-id>.firebaseio.com'],
    ['key id inside a word', 'TODAYINASIAASACKOFRICEFELLOVER'],
    ['Google key one character short', `key=AIza${'Bq3'.repeat(11)}x`],
    ['Google key too long', `key=AIza${'Bq3'.repeat(12)}`],
    ['Google key filler', 'apiKey: "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"'],
    ['Azure AD secret masked', 'client_secret=bP88Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['tilde in a CSS selector', '.ui.visible.right.sidebar~.ui.visible.left.sidebar~.pusher{transform:none}'],
    ['Bedrock example key', `ABSKQmVkcm9ja0FQSUtleS1${'EXAMPLE'.repeat(16)}=`],
    ['Tencent id filler', `AKID${'x'.repeat(32)}`],
    ['Origin CA-shaped but too short', `v1.0-${r(HEX, 24)}-${r(HEX, 100)}`],
    ['Google client id masked', `${r(DIGITS, 12)}-${'x'.repeat(32)}.apps.googleusercontent.com`],
    ['Google client id with a short random part', `${r(DIGITS, 12)}-${r(LOWER + DIGITS, 20)}.apps.googleusercontent.com`],
    ['CAST AI key with a short tail', `castai_v1_${r(ALNUM, 64)}_${r(ALNUM, 6)}`],
    ['CAST AI key inside a longer token', `xcastai_v1_${r(ALNUM, 64)}_${r(ALNUM, 8)}`],
    ['CAST AI key masked', `castai_v1_${'x'.repeat(64)}_${'x'.repeat(8)}`],
    ['Data Factory key masked', `IR@${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}@adf@we@${'A'.repeat(43)}=`],
    ['Data Factory key with a short secret', `IR@${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}@adf@we@${r(B64, 20)}=`],
    ['googleusercontent host without a client id', 'https://lh3.googleusercontent.com/a/photo.jpg'],
    ['Alibaba-shaped words', 'LTAIConfigurationManager'],
    ['Kubernetes Secret with a short value', 'kind: Secret\ndata:\n  extra: Zm9vYmFy\n'],
    ['Kubernetes Secret with a template', 'kind: Secret\ndata:\n  password: {{ .Values.password }}\n'],
    ['Kubernetes Secret with filler', `kind: Secret\ndata:\n  extra: ${'QUFB'.repeat(6)}\n`],
  ])('%s', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('Kubernetes Secret data only in plain Secrets', () => {
  it.each([
    ['ExternalSecret', `kind: ExternalSecret\nspec:\n  data:\n    - key: ${K8S_VALUE}\n`],
    ['SecretStore', `kind: SecretStore\ndata:\n  extra: ${K8S_VALUE}\n`],
    ['SopsSecret, data before the kind', `data:\n  extra: ${K8S_VALUE}\nkind: SopsSecret\n`],
    ['stringData, not data', `kind: Secret\nstringData:\n  extra: ${K8S_VALUE}\n`],
    // Another manifest after a document separator: its data are not the Secret's.
    ['a ConfigMap after a Secret without data', `kind: Secret\nmetadata:\n  name: s\n---\nkind: ConfigMap\ndata:\n  extra: ${K8S_VALUE}\n`],
    ['a ConfigMap before a Secret without data', `data:\n  extra: ${K8S_VALUE}\nkind: ConfigMap\n---\nkind: Secret\n`],
  ])('%s', (_label, text) => {
    expect(scan(text).filter((f) => f.entity === 'KUBERNETES_SECRET')).toEqual([]);
  });

  it('finds a Secret\'s data after a separator that closes an earlier manifest', () => {
    const text = `kind: ConfigMap\ndata:\n  a: b\n---\nkind: Secret\nmetadata:\n  name: s\ndata:\n  extra: ${K8S_VALUE}\n`;
    expect(scan(text).filter((f) => f.entity === 'KUBERNETES_SECRET').map((f) => text.slice(f.start, f.end))).toEqual([K8S_VALUE]);
  });
});
