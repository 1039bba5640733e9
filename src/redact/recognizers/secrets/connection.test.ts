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
    ['placeholder password', 'mongodb://user:password@localhost:27017'],
    ['masked password', 'redis://:****@cache:6379'],
    ['no password', 'postgres://app@db:5432/app'],
    ['plain URL', 'https://example.org:8443/path?q=1'],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});
