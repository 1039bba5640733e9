// Connection strings with passwords: URIs, JDBC, ADO/ODBC. Only the password is reported.
import { describe, expect, it } from 'vitest';
import { scan } from './testing/tokens.js';

const PW = 's3cr3T-Pa55';

describe('connection strings', () => {
  it.each([
    ['postgres', `postgres://app:${PW}@db.internal:5432/orders`],
    ['postgresql with params', `postgresql://app:${PW}@db:5432/orders?sslmode=require`],
    ['mysql', `mysql://root:${PW}@127.0.0.1:3306/app`],
    ['mongodb+srv', `mongodb+srv://svc:${PW}@cluster0.abcde.mongodb.net/test?retryWrites=true`],
    ['redis', `redis://default:${PW}@cache:6379/0`],
    ['amqp', `amqp://guest1:${PW}@rabbit:5672/vhost`],
    ['SQLAlchemy driver', `mysql+pymysql://app:${PW}@db/app`],
    ['JDBC URL', `jdbc:postgresql://db:5432/app?user=app&password=${PW}`],
    ['JDBC Oracle thin', `jdbc:oracle:thin:scott/${PW}@//db:1521/ORCL`],
    ['ADO.NET', `Server=tcp:db.example.net,1433;Database=app;User ID=app;Password=${PW};Encrypt=True;`],
    ['custom scheme', `dbconnection://admin:${PW}@db-host-local`],
    ['login that is an e-mail', `smtps://alerts@example.org:${PW}@smtp.example.org:465`],
  ])('%s', (_label, text) => {
    expect(scan(text).map((f) => f.value)).toContain(PW);
  });

  it.each([
    ['template password', 'postgres://app:${DB_PASSWORD}@db:5432/app'],
    ['masked password', 'redis://:****@cache:6379'],
    ['documentation filler', 'amqp://app:your_password_here@rabbit:5672/'],
    ['no password', 'postgres://app@db:5432/app'],
    ['plain URL', 'https://example.org:8443/path?q=1'],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });

  // A weak or default password in a connection string is still what the client logs in with, even
  // the word itself (local databases are often set up that way).
  it.each([
    ['the word itself', 'mongodb://user:password@localhost:27017', 'password'],
    ['an abbreviation', 'postgres://app:pass@db:5432/app', 'pass'],
    ['a descriptive word', 'redis://:authpassword@127.0.0.1:6380/4', 'authpassword'],
    ['a short one', 'mysql://abc:xyz@db/app', 'xyz'],
    ['a default password', 'mongodb://root:root@mongo:27017/admin?authSource=admin', 'root'],
    ['a common password', 'MONGO_URI=mongodb://user:password123@db.example.com:27017/database', 'password123'],
    ['a leaked classic', 'mongodb://admin:hunter2@10.0.0.5/app', 'hunter2'],
    ['a broker default', 'amqp://guest:guest@rabbit:5672/', 'guest'],
    ['Redis password-only form (empty user)', 'REDIS_URL=redis://:p4ssw0rd-x9@cache:6379/0', 'p4ssw0rd-x9'],
  ])('%s is reported', (_label, text, password) => {
    expect(scan(text).map((f) => f.value)).toContain(password);
  });
});
