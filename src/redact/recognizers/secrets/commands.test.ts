// Credentials in commands and protocol text: curl -u, Authorization headers, SQL, CLI flags.
import { describe, expect, it } from 'vitest';
import { ALNUM, B64URL, HEX, prng, rand, scan } from './testing/tokens.js';

const next = prng(1010);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);
const PW = 'pQ9wTxu4Fg!';
const TOKEN = r(ALNUM, 40);
const basic = (userPass: string) => Buffer.from(userPass).toString('base64');

describe('commands and headers: only the secret part is reported', () => {
  it.each([
    ['curl -u user:pass', `curl -u elastic:${PW} https://localhost:9200`, PW],
    ['curl --user quoted', `curl -s --user 'api:${PW}' https://api.example.org`, PW],
    ['curl --user e-mail login', `curl --user roger@example.org:${PW} https://x`, PW],
    ['curl -u token as user, empty password', `curl -u ${TOKEN}: https://api.example.org`, TOKEN],
    ['Authorization: Basic', `curl -H 'Authorization: Basic ${basic(`svc:${PW}`)}'`, basic(`svc:${PW}`)],
    ['Authorization: Bearer', `-H "Authorization: Bearer ${TOKEN}"`, TOKEN],
    ['Authorization: Token', `Authorization: Token ${r(HEX, 40)}`, ''],
    ['X-Api-Key header', `-H "X-Api-Key: ${TOKEN}"`, TOKEN],
    ['bare Authorization value', `"authorization": "${TOKEN}"`, TOKEN],
    ['SQL IDENTIFIED BY', `ALTER USER 'app'@'%' IDENTIFIED BY '${PW}';`, PW],
    ['SQL IDENTIFIED WITH plugin BY', `CREATE USER u IDENTIFIED WITH mysql_native_password BY '${PW}';`, PW],
    ['mysql -p glued', `mysql -u root -p${PW} db`, PW],
    ['CLI --token', `tool deploy --token ${TOKEN}`, TOKEN],
    ['CLI --api-key=', `tool --api-key=${TOKEN}`, TOKEN],
    ['libcurl option', `curl_easy_setopt(curl, CURLOPT_USERPWD, "root:${PW}");`, PW],
    ['PowerShell SecureString', `ConvertTo-SecureString -String '${PW}' -AsPlainText -Force`, PW],
    ['requests auth tuple', `requests.get(url, auth=("svc", "${PW}"))`, PW],
    ['sshpass', `sshpass -p '${PW}' ssh host`, PW],
    ['net user', `net user backup ${PW} /add`, PW],
    ['htpasswd -b', `htpasswd -b -c /etc/nginx/.htpasswd alice ${PW}`, PW],
    ['.NET NetworkCredential', `client.Credentials = new NetworkCredential("ci@example.org", "${PW}");`, PW],
    ['NetworkCredential, lower-case password', 'new System.Net.NetworkCredential("cidownload", "vzihlaquknriqlht")', 'vzihlaquknriqlht'],
    ['Java UsernamePasswordCredentials', `new UsernamePasswordCredentials("svc", "${PW}")`, PW],
    ['Java PasswordAuthentication', `return new PasswordAuthentication("svc", "${PW}".toCharArray());`, PW],
    ['Python smtplib login', `server.login('alerts@example.org', '${PW}')`, PW],
    ['Python HTTPDigestAuth', `auth=HTTPDigestAuth('svc', '${PW}')`, PW],
    ['Go SetBasicAuth', `req.SetBasicAuth("svc", "${PW}")`, PW],
    ['AWS SDK static credentials', `credentials.NewStaticCredentials("AKID", "${TOKEN}", "")`, TOKEN],
    ['DirectoryEntry (third argument)', `new DirectoryEntry("LDAP://dc.example.org", "EXAMPLE\\svc", "${PW}")`, PW],
    ['Go smtp.PlainAuth (third argument)', `smtp.PlainAuth("", "bot@example.org", "${PW}", "smtp.example.org")`, PW],
    ['PsExec -u -p', `psexec \\\\10.0.0.5 -u CORP\\admin -p ${PW} cmd /c whoami`, PW],
  ])('%s', (_label, text, value) => {
    const found = scan(text);
    expect(found.length).toBeGreaterThan(0);
    if (value) expect(found.some((f) => f.value === value || f.value.startsWith(value))).toBe(true);
  });

  it.each([
    ['curl user placeholders', `curl -u "\${USER}:\${PASSWORD}" https://x`],
    ['curl user:pass words', 'curl http://127.0.0.1:5000/file --user user:pass --digest'],
    ['curl username:password', '   curl -X GET --insecure --user "username:password" \\'],
    ['curl angle brackets', 'curl -u <user:password> https://test.com/endpoint'],
    ['curl without a password', 'curl -u "myusername" http://localhost:15130/api/check_user/'],
    ['curl test:test', "curl -i -u 'test:test'"],
    ['curl command substitution', 'curl -X POST --user "$(cat ./login.txt):$(cat ./password.txt)"'],
    ['Bearer variable', 'curl -H "Authorization: Bearer $API_KEY" https://x'],
    ['Bearer placeholder', 'curl -H "Authorization: Bearer <Openverse API token>"'],
    ['Bearer masked', 'curl -H "Authorization: Bearer XXXXXXXXXXXX"'],
    ['Token stars', 'curl -H "Authorization: Token **********"'],
    ['Basic ellipsis', 'curl --header "Authorization: Basic ..."'],
    ['Bearer from a command', 'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://x'],
    ['SQL with a variable', "ALTER USER app IDENTIFIED BY '${DB_PASSWORD}';"],
    ['net user without a password', 'net user guest /active:yes'],
    ['NetworkCredential with variables', 'new NetworkCredential(user, password)'],
    ['NetworkCredential with a placeholder', 'new NetworkCredential("user", "password")'],
    ['login with a template', 'client.login("svc", "${SMTP_PASSWORD}")'],
    ['DirectoryEntry with two arguments', 'new DirectoryEntry("LDAP://dc.example.org", "svc")'],
    ['PsExec with a variable', 'psExec \\\\host -u User -p $Password -i -d calc.exe'],
    ['PsExec with a batch variable', '%BIN%\\PsExec.exe \\\\host -u HOST\\svc -p %nothing% -i 2'],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('Basic credentials must decode to user:password text', () => {
    expect(scan(`Authorization: Basic ${r(B64URL, 24).replaceAll('-', 'a').replaceAll('_', 'b')}`).filter((f) => f.entity === 'BASIC_AUTH_CREDENTIALS')).toEqual([]);
  });
});

describe('OAuth 1.0a signatures', () => {
  const sig = (bytes: number) => encodeURIComponent(Buffer.from(r(ALNUM, bytes)).toString('base64'));
  const SHA1 = sig(20);
  const SHA256 = sig(32);
  it.each([
    ['Authorization header', `Authorization: OAuth oauth_consumer_key="k", oauth_signature="${SHA1}", oauth_version="1.0"`, SHA1],
    ['query string', `GET /1.1/statuses?oauth_nonce=abc&oauth_signature=${SHA256}&oauth_version=1.0`, SHA256],
    ['JSON', `{"oauth_signature": "${SHA1}"}`, SHA1],
  ])('%s', (_label, text, value) => {
    expect(scan(text).some((f) => f.entity === 'OAUTH_SIGNATURE' && f.value === value)).toBe(true);
  });

  it.each([
    ['wrong decoded length', `oauth_signature="${encodeURIComponent(Buffer.from(r(ALNUM, 25)).toString('base64'))}"`],
    ['placeholder', 'oauth_signature="xxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
    ['template', 'oauth_signature="${SIGNATURE}"'],
  ])('%s is not reported as a signature', (_label, text) => {
    expect(scan(text).filter((f) => f.entity === 'OAUTH_SIGNATURE')).toEqual([]);
  });
});
