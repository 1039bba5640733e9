import { describe, expect, it } from 'vitest';
import { emailValid } from './email.js';
import { valuesOf } from './testing/scan.js';

const emails = (text: string) => valuesOf(text, 'EMAIL_ADDRESS');

describe('EMAIL_ADDRESS end to end', () => {
  it.each([
    ['Reply to MariaKowalska@post.example today', ['MariaKowalska@post.example']],
    ['mail john.smith+tag@mail.example.co.uk.', ['john.smith+tag@mail.example.co.uk']],
    ['<a href="mailto:x_y@example.org">', ['x_y@example.org']],
    ['Email:jane-doe@example.com', ['jane-doe@example.com']],
    ['To: a@b.io, cc:c.d@e.fr', ['a@b.io', 'c.d@e.fr']],
    ['(first.last@sub.example.museum)', ['first.last@sub.example.museum']],
    ['"o.reilly@example.com"', ['o.reilly@example.com']],
    ['punycode user@xn--bcher-kva.example', ['user@xn--bcher-kva.example']],
    ['用户邮箱john@example.cn谢谢', ['john@example.cn']],
  ])('%j -> %j', (text, expected) => {
    expect(emails(text)).toEqual(expected);
  });

  it.each([
    ['no TLD', 'user@localhost'],
    ['numeric TLD', 'name@192.168.0.1'],
    ['npm version', 'lodash@4.17.21'],
    ['retina asset', 'icon@2x.png'],
    ['URL password', 'https://user:secret@example.com'],
    ['URL user', 'ssh://deploy@example.com/repo'],
    ['double dot', 'a..b@example.com'],
    ['scoped package', '@types/node'],
    ['local part too long', `${'a'.repeat(65)}@example.com`],
  ])('rejects %s: %j', (_why, text) => {
    expect(emails(text)).toEqual([]);
  });

  it('validator enforces RFC lengths', () => {
    expect(emailValid(`${'a'.repeat(64)}@example.com`)).toBe(true);
    expect(emailValid(`a@${'b'.repeat(64)}.com`)).toBe(false);
  });
});
