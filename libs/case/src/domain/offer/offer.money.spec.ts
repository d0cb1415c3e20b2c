import { ValidationError } from '@ta/core';
import { fromMinorUnits, toMinorUnits } from './offer.money';

describe('money in minor units', () => {
  it('converts decimal strings to minor units and back, by the currency minor unit', () => {
    expect(toMinorUnits('1250.5', 'USD')).toBe(125050);
    expect(toMinorUnits('1250', 'USD')).toBe(125000);
    expect(toMinorUnits('5000', 'JPY')).toBe(5000);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(fromMinorUnits(125050, 'USD')).toBe('1250.50');
    expect(fromMinorUnits(5, 'USD')).toBe('0.05');
    expect(fromMinorUnits(5000, 'JPY')).toBe('5000');
  });

  it.each(['12.345', '-1', '1e6', '', '1,000'])('rejects %p for USD', (text) => {
    expect(() => toMinorUnits(text, 'USD')).toThrow(ValidationError);
  });

  it('rejects amounts beyond exact integers, and unknown currencies', () => {
    expect(() => toMinorUnits('99999999999999999', 'USD')).toThrow(ValidationError);
    expect(() => toMinorUnits('1', 'ABC')).toThrow(expect.objectContaining({ code: 'codelist.unknown_code' }));
  });
});
