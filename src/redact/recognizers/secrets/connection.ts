// Connection strings that carry a password: database and broker URIs (postgres://u:p@h, mongodb+srv,
// redis, amqp, ...), JDBC (including Oracle's user/pass@host), and ADO/ODBC `Password=...;`
// key-value strings. Generic application URLs (https://u:p@h) belong to the PII URL_CREDENTIALS
// recognizer; a lower-confidence fallback here covers unusual schemes that one does not list.
import type { Recognizer } from '../../types.js';
import { secret } from './util.js';
import { isMaskOrFiller, isTemplateOrReference } from './values.js';

const DB_SCHEMES = [
  'postgres(?:ql)?', 'postgis', 'mysql(?:x)?', 'mariadb', 'mongodb(?:\\+srv)?', 'rediss?', 'redis\\+sentinel',
  'amqps?', 'mqtts?', 'kafka', 'nats', 'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'clickhouse',
  'cassandra', 'couchdb', 'couchbase', 'neo4j(?:\\+s)?', 'bolt', 'memcached?', 'elasticsearch', 'influxdb',
  'db2', 'sybase', 'snowflake', 'redshift', 'timescale', 'vertica', 'presto', 'trino', 'hive2?',
  'jdbc:[a-z0-9]{2,20}(?::[a-z0-9]{2,20})?', 'sqlalchemy', 'mysql\\+[a-z0-9]{2,20}', 'postgresql\\+[a-z0-9]{2,20}',
].join('|');

// User may contain '@' (e-mail logins), or be empty (`redis://:password@host`, Redis's password-only
// form); the password runs to the last '@' before the host.
const USER = '(?:[^\\s:/?#\'"<>@]{1,128}(?:@[^\\s:/?#\'"<>@]{1,128})?)?';
const PASSWORD = '([^\\s/?#\'"<>]{1,}?)';
const HOST = '[A-Za-z0-9._%\\[\\]-]{1,}';

/**
 * The password of a connection string. Rejected: templates and references (`${DB_PASS}`, `%s`,
 * `<password>`), masks (`****`) and documentation filler (`your_password_here`). Everything else is
 * what the client logs in with, weak or default (`root`, `password123`) or even the word itself
 * (`user:password@localhost`, how many local databases are set up): gitleaks, detect-secrets and
 * TruffleHog all report such strings.
 */
function uriPasswordValid(v: string): boolean {
  return v.length >= 3 && !isTemplateOrReference(v) && !isMaskOrFiller(v);
}

export const CONNECTION_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'database_uri_password',
    entity: 'CONNECTION_STRING',
    pattern: `(?i:\\b(?:${DB_SCHEMES}))://${USER}:${PASSWORD}@${HOST}`,
    group: 1,
    maxLength: 256,
    confidence: 0.95,
    validate: uriPasswordValid,
    keywords: ['://'],
  }),
  secret({
    // Any other scheme://user:pass@host. Lower confidence than the PII URL recognizer so that one
    // keeps the http(s)/ftp/ssh family; this catches custom and internal schemes.
    id: 'uri_userinfo_password',
    entity: 'CONNECTION_STRING',
    pattern: `\\b[A-Za-z][A-Za-z0-9+.-]{1,30}://${USER}:${PASSWORD}@${HOST}`,
    group: 1,
    maxLength: 256,
    confidence: 0.85,
    validate: uriPasswordValid,
    keywords: ['://'],
  }),
  secret({
    id: 'jdbc_oracle_thin_password',
    entity: 'CONNECTION_STRING',
    pattern: '(?i:jdbc:oracle:(?:thin|oci)):[^\\s/@:\'"]{1,64}/([^\\s@\'"]{1,128})@',
    group: 1,
    maxLength: 128,
    confidence: 0.95,
    validate: uriPasswordValid,
    keywords: ['jdbc:oracle'],
  }),
  secret({
    // Query-string passwords in JDBC / ODBC URLs: ?user=x&password=y, ;password=y;
    id: 'connection_string_password_param',
    entity: 'CONNECTION_STRING',
    pattern: '(?i:(?:jdbc:|odbc:|server=|data source=|host=|hostname=|uid=|user id=)[^\\n]{0,}?[;?&](?:password|pwd|pass)=)([^;&\\s\'"]{1,128})',
    group: 1,
    maxLength: 128,
    confidence: 0.9,
    validate: uriPasswordValid,
    keywords: ['password=', 'pwd=', 'pass='],
  }),
];
