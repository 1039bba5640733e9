// `name = value` secrets in code, config, env files, JSON/YAML, XML and prose: only the value is
// reported, and references, templates, placeholders and harmless names are left alone.
import { describe, expect, it } from 'vitest';
import { ALNUM, HEX, prng, rand, scan } from './testing/tokens.js';

const next = prng(909);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);
const PW = 'Tr0ub4dor&3x';
const TOKEN = r(ALNUM, 32);

describe('password assignments capture only the value', () => {
  it.each([
    ['env file', `DB_PASSWORD=${PW}`],
    ['YAML', `password: ${PW}`],
    ['JSON', `{"password": "${PW}"}`],
    ['escaped JSON', `{\\"password\\": \\"${PW}\\"}`],
    ['double-escaped JSON (JSON inside a JSON string)', String.raw`"{\\\"password\\\":\\\"` + PW + String.raw`\\\"}"`],
    ['Python', `password = "${PW}"`],
    ['typed Kotlin/Scala', `val password: String = "${PW}"`],
    ['typed Python default', `def connect(passwd: str = "${PW}"):`],
    ['Go :=', `pwd := "${PW}"`],
    ['PHP =>', `'pass' => '${PW}',`],
    ['comparison', `if (password === "${PW}") {`],
    ['abbreviated', `user=admin pw=${PW}`],
    ['CLI long flag', `mysql -u root --password ${PW}`],
    ['CLI flag with =', `--password=${PW}`],
    ['SQL', `CREATE USER app WITH PASSWORD '${PW}';`],
    ['C define', `#define PASSWORD "${PW}"`],
    ['HTML-escaped', `Password: &quot;${PW}&quot;`],
    ['Korean', `비밀번호: ${PW}`],
    ['German', `Passwort: ${PW}`],
    ['full-width colon', `密码：${PW}`],
    ['openssl pass:', `openssl pkcs12 -passin pass:${PW} -in a.p12`],
    ['aligned Ruby hash', `:password       => '${PW}',`],
    ['terraform fmt alignment', `  password            = "${PW}"`],
    ['Go var with a type', `var dbPassword string = "${PW}"`],
    ['.NET appSettings', `<add key="SmtpPassword" value="${PW}" />`],
  ])('%s', (_label, text) => {
    const found = scan(text);
    expect(found.some((f) => f.value === PW || f.value === `${PW}&quot`)).toBe(true);
    expect(found.every((f) => !f.value.toLowerCase().includes('password'))).toBe(true);
  });

  // Inside quotes a password runs to the closing quote: delimiters of unquoted values are characters.
  it.each([
    ['semicolons', 'DB_PASSWORD = ";?zH!GxzW4;Id7ALEa;3"', ';?zH!GxzW4;Id7ALEa;3'],
    ['a comma', "db_password: 'KM7o,5q'", 'KM7o,5q'],
    ['angle and curly brackets', 'DB_PASSWD = ",u<gDI9wy?xN6x}"', ',u<gDI9wy?xN6x}'],
  ])('quoted password with %s', (_label, text, value) => {
    expect(scan(text).map((f) => f.value)).toContain(value);
  });

  it.each([
    ['shell variable', 'password=$DB_PASSWORD'],
    ['quoted prose', 'password: "Enter your password, then press OK"'],
    ['quoted list of field names', 'sensitive = "password,passwd,pwd"'],
    ['template', 'password: ${DB_PASSWORD}'],
    ['jinja', 'password: "{{ vault_db_password }}"'],
    ['printf', 'password = "%s" % secret'],
    ['angle placeholder', 'password: <password>'],
    ['bracket placeholder', 'curl --user neo4j:[PASSWORD] http://host:7474/'],
    ['masked', 'password: ********'],
    ['x mask', 'password = "xxxxxxxx"'],
    ['changeme', 'password: changeme'],
    ['your_password', 'password = "your_password"'],
    ['attribute access', 'password = self.config.password'],
    ['function call', 'password = os.environ.get("DB_PASSWORD")'],
    ['empty', 'password=\nuser=admin'],
    ['type name', 'password: String'],
    ['boolean', 'password_required: true'],
    ['name ends in metadata', 'password_min_length: 12'],
    ['prose', 'What are your thoughts about the password mentioned? Ignore that.'],
    ['bypass', 'a message long enough to bypass OpenAIs content filter'],
    ['word only', 'password: reset'],
    ['SOPS-encrypted value and its IV', `db-password: ENC[AES256_GCM,data:${r(ALNUM, 12)}==,iv:${r(ALNUM, 43)}=,tag:${r(ALNUM, 22)}==,type:str]`],
    ['public key under a camelCase name', `SshPublicKeys: ${r(ALNUM, 86)}==`],
    ['ssh-rsa public key under a camelCase name', `rsaPublicKey: ssh-rsa ${r(ALNUM, 86)}==`],
    ['public key under a snake_case name', `deploy_ssh_public_key: ${r(ALNUM, 86)}==`],
    ['public key under an upper-case snake_case name', `NODE_PUBLIC_KEY=${r(ALNUM, 60)}`],
    ['public key on the line after its name (YAML block scalar)', `host_public_key: |\n  ${r(ALNUM, 60)}`],
    ['public key in a YAML list under its name', `trustedPublicKeys:\n  - ${r(ALNUM, 60)}`],
    ['CSRF token on the line after its name', `csrf_token:\n    ${r(ALNUM, 40)}`],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('secret and token assignments', () => {
  it.each([
    ['API key in env', `STRIPE_WEBHOOK_SIGNING_SECRET=${TOKEN}`],
    ['token in YAML', `auth_token: ${TOKEN}`],
    ['client secret in JSON', `{"client_secret": "${TOKEN}"}`],
    ['key named "api key" with a space', `API key: ${TOKEN}`],
    ['hex secret', `LEGACY_SECRET = "${r(HEX, 40)}"`],
    ['UUID token', `"apikey": "${r(HEX, 8)}-${r(HEX, 4)}-4${r(HEX, 3)}-a${r(HEX, 3)}-${r(HEX, 12)}"`],
    ['URL query parameter', `https://example.org/v1/get?token=${TOKEN}&page=2`],
    ['prose with "is"', `the staging secret is ${TOKEN}`],
    ['XML element', `<ApiToken>${TOKEN}</ApiToken>`],
    ['weak name "key" with a random value', `key = "${TOKEN}"`],
    ['PHP define', `define('DB_SECRET', '${TOKEN}');`],
    ['default from the environment', `SECRET = os.getenv("APP_SECRET", "${TOKEN}")`],
    ['default after "or"', `token = os.environ.get("TOKEN") or "${TOKEN}"`],
    ['snake_case private key name', `deploy_ssh_private_key: ${TOKEN}`],
  ])('%s', (_label, text) => {
    expect(scan(text).some((f) => f.value.startsWith(TOKEN.slice(0, 12)) || f.value.length >= 32)).toBe(true);
  });

  it.each([
    ['public key', `public_key = "${TOKEN}"`],
    ['public token', `publicToken = "${TOKEN}"`],
    ['CSRF token', `csrf-token=${TOKEN}`],
    ['pagination token', `"nextPageToken": "${TOKEN}"`],
    ['id of a secret', `"kms_key_id": "${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}"`],
    ['name of a secret', 'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"'],
    ['slug value', 'keyVaultToStoreSecrets: cmp2-qat-1208358310'],
    ['token counts in an LLM reply', '{"prompt_tokens": 57, "completion_tokens": 1024, "max_tokens": 2048}'],
    ['file path', 'TOKEN_FILE=/var/run/secrets/token'],
    ['URL', "access_token_url='https://github.com/login/oauth/access_token'"],
    ['host name', 'X-MS-Exchange-Organization-AuthSource: sm02915.int.contoso.com'],
    ['version string', 'notes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"'],
    ['elided in docs', 'fn::secret: ops_eyJzaWduSW5B..[Redacted]'],
    ['weak name with a short value', "schemaKey = 'DOC_Vector_5_32'"],
    ['weak name with words', '"bucket_key": "SalesResults-1.2"'],
    ['npm token outside .npmrc syntax', `_authToken=${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('passwords named in prose for an account', () => {
  it.each([
    ['colon', `password for master:${PW}`],
    ['spaced colon', `Password for admin: ${PW}`],
    ['"is"', `the password for user root is ${PW}`],
    ['of', `passwd of deploy = ${PW}`],
  ])('%s', (_label, text) => {
    expect(scan(text).some((f) => f.value === PW && f.entity === 'PASSWORD')).toBe(true);
  });

  it.each([
    ['prose without a value', 'Reset the password for your account: see the settings page.'],
    ['words after the colon', 'password for admin: required'],
    ['template', 'password for admin: ${ADMIN_PASSWORD}'],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('hard-coded salts and nonces', () => {
  const B64S = r(ALNUM + '+/', 44);
  const BASE36 = r('abcdefghijklmnopqrstuvwxyz0123456789', 32);
  it.each([
    ['salt in Python', `salt = "${TOKEN}"`, TOKEN],
    ['numbered salt', `salt2 = '${TOKEN}'`, TOKEN],
    ['nonce in YAML', `  __NONCE: ${B64S}`, B64S],
    ['lower-case base36 nonce', `nonce = '${BASE36}'`, BASE36],
    ['IV in JSON', `{"iv": "${TOKEN}"}`, TOKEN],
    ['Python bytes salt with hex escapes', 'SALT = b"\\x8f\\x1c!q\\xd3k9#\\x07"', '\\x8f\\x1c!q\\xd3k9#\\x07'],
    ['unicode-escaped nonce', "nonce = u'\\u00e9\\u0151z7Kq4w'", '\\u00e9\\u0151z7Kq4w'],
    ['octal escapes in a JSON-style salt', '{"salt": "k2\\01\\177pQ%9&"}', 'k2\\01\\177pQ%9&'],
  ])('%s', (_label, text, value) => {
    expect(scan(text).some((f) => f.value === value)).toBe(true);
  });

  it.each([
    ['salt length setting', 'salt_rounds = 12'],
    ['word value', 'salt = "pepper"'],
    ['reference', 'nonce = generateNonce()'],
    ['variable', 'iv = $IV_VALUE'],
    ['word containing salt', `basalt = "${TOKEN}"`],
    ['counter', 'nonce = 1234567890123456'],
    ['escaped zero IV', 'iv = b"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"'],
    ['one escaped byte repeated in code', 'iv = b"\\x00" * 16'],
    ['escaped text without a salt name', 'greeting = "caf\\u00e9 au lait"'],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('keys written as byte arrays', () => {
  const bytes = Array.from({ length: 16 }, () => Math.floor(next() * 256));
  const hexList = bytes.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ');
  const decList = bytes.join(', ');
  it.each([
    ['C define', `#define AES_KEY {${hexList}}`, hexList],
    ['Go byte slice', `\tSecret: []byte{${decList}},`, decList],
    ['Java array', `byte[] key = new byte[] {${decList}};`, decList],
  ])('%s', (_label, text, value) => {
    expect(scan(text).some((f) => f.value.startsWith(value.slice(0, 20)))).toBe(true);
  });

  it.each([
    ['sorted key codes', 'allowedKeys = {8, 9, 13, 16, 17, 18, 20, 27, 35, 36, 37, 38}'],
    ['one value repeated', 'key = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}'],
    ['too few values', 'key = {0x35, 0x34, 0x65, 0x9b}'],
    ['no secret name', `int table[] = {${decList}};`],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('generated tokens under secret names', () => {
  it.each([
    ['Azure DevOps PAT (lower-case base32)', `var personalAccessToken = "${r('abcdefghijklmnopqrstuvwxyz234567', 52)}";`],
    ['upper-case base32', `API_TOKEN=${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 32)}`],
    ['Go typed declaration', `var githubToken string = "${TOKEN}"`],
    ['.NET appSettings token', `<add key="Api.Token" value="${TOKEN}"/>`],
  ])('%s', (_label, text) => {
    expect(scan(text).length).toBeGreaterThan(0);
  });

  it.each([
    ['lower-case words with a digit', 'export API_TOKEN_NAME=deploymentconfiguration2'],
    ['EIP-55 checksummed address', 'tokenAddress = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"'],
    ['mixed-case hex', `api_key: ${'acdeFf05b1a6d4c890237bf08c5e6e8d2b4d0f2e'}`],
    ['appSettings key with a harmless suffix', '<add key="PasswordLength" value="12345678" />'],
    ['appSettings key that is no secret', '<add key="FromEmailAddress" value="alerts@example.org"/>'],
    ['JavaScript optional chaining', 'const passthrough = desc?.writable === true'],
    ['a chalk call', 'const benchmarkPass = $.green(F_DOT);'],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});
