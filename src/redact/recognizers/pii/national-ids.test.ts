import { describe, expect, it } from 'vitest';
import { randomDigits, rng, withCfCheck, withDniLetter, withFiCheck, withLuhn, withMod11_10, withPeselCheck, withVerhoeff } from './testing/generators.js';
import { scanPii } from './testing/scan.js';

const next = rng(11);
const of = (text: string, entity: string) => scanPii(text).filter((f) => f.entity === entity).map((f) => f.value);

const aadhaar = withVerhoeff('38472910563');
const aadhaarGrouped = `${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`;
const sePnr = withLuhn('811218987');
const sin = withLuhn('13069254');
const pesel = withPeselCheck('8501151234');
const steuerId = withMod11_10('8609574271');

describe('national identifiers end to end', () => {
  it.each([
    ['UK_NINO', 'NI number AB 12 34 56 C', 'AB 12 34 56 C'],
    ['UK_NINO', 'nino: CE123456D.', 'CE123456D'],
    ['IN_AADHAAR', `Aadhaar ${aadhaarGrouped}`, aadhaarGrouped],
    ['IN_AADHAAR', `my aadhaar is ${aadhaar}`, aadhaar],
    ['ES_NIF', 'DNI 12345678Z', '12345678Z'],
    ['ES_NIF', 'NIE X-1234567-L', 'X-1234567-L'],
    ['ES_NIF', withDniLetter(randomDigits(next, 8)), undefined],
    ['IT_FISCAL_CODE', 'CF: RSSMRA85T10A562S', 'RSSMRA85T10A562S'],
    ['IT_FISCAL_CODE', withCfCheck('VRDLGU70M01F20R'), undefined],
    ['SE_PERSONNUMMER', `pnr ${sePnr.slice(0, 6)}-${sePnr.slice(6)}`, `${sePnr.slice(0, 6)}-${sePnr.slice(6)}`],
    ['SE_PERSONNUMMER', `personnummer 19${sePnr}`, `19${sePnr}`],
    ['FI_PERSONAL_ID', 'hetu 131052-308T', '131052-308T'],
    ['FI_PERSONAL_ID', withFiCheck('010203', 'A', '456'), undefined],
    ['CA_SIN', `SIN: ${sin.slice(0, 3)} ${sin.slice(3, 6)} ${sin.slice(6)}`, `${sin.slice(0, 3)} ${sin.slice(3, 6)} ${sin.slice(6)}`],
    ['CA_SIN', `social insurance number ${sin}`, sin],
    ['PL_PESEL', `PESEL ${pesel}`, pesel],
    ['DE_TAX_ID', `Steuer-ID ${steuerId}`, steuerId],
  ])('%s in %j', (entity, text, expected) => {
    expect(of(text, entity)).toEqual([expected ?? text]);
  });

  it.each([
    ['UK_NINO', 'QQ123456C'], // sample prefix: Q is never a first letter
    ['UK_NINO', 'GB123456A'],
    ['UK_NINO', 'AB123456E'],
    ['IN_AADHAAR', `${aadhaar.slice(0, 11)}${(Number(aadhaar[11]) + 1) % 10}`], // bare, no context, wrong digit
    ['IN_AADHAAR', aadhaar], // bare 12 digits without context
    ['IN_AADHAAR', `${aadhaarGrouped} 1234`], // a fourth group: card-like, not Aadhaar
    ['ES_NIF', '12345678A'],
    ['ES_NIF', '12345678 Z'], // a letter after a space is too weak
    ['IT_FISCAL_CODE', 'RSSMRA85T10A562T'],
    ['SE_PERSONNUMMER', `${sePnr.slice(0, 6)}-${sePnr.slice(6, 9)}${(Number(sePnr[9]) + 1) % 10}`],
    ['SE_PERSONNUMMER', sePnr], // bare without context
    ['FI_PERSONAL_ID', '131052-308U'],
    ['CA_SIN', sin], // bare without context
    ['CA_SIN', `SIN ${withLuhn('83069254')}`], // 8xx never assigned
    ['PL_PESEL', withPeselCheck('8513151234')], // month 13
    ['DE_TAX_ID', withMod11_10('1234567890')], // no repeated digit
  ])('%s: no match in %j', (entity, text) => {
    expect(of(text, entity)).toEqual([]);
  });

  it('next to a phone context word, a 3-3-3 number is a phone, not a SIN', () => {
    const grouped = `${sin.slice(0, 3)} ${sin.slice(3, 6)} ${sin.slice(6)}`;
    expect(scanPii(`Phone: ${grouped}`).map((f) => f.entity)).toEqual(['PHONE_NUMBER']);
    expect(scanPii(`SIN ${grouped}`).map((f) => f.entity)).toEqual(['CA_SIN']);
  });
});
