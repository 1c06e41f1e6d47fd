import { describe, expect, it } from 'vitest';
import { type FieldRule, validateCustomFields } from './validate-custom-fields.ts';

const rules: FieldRule[] = [
  { key: 'orderNumber', type: 'string', required: true, options: [] },
  { key: 'amount', type: 'number', required: false, options: [] },
  { key: 'delivered', type: 'boolean', required: false, options: [] },
  { key: 'purchaseDate', type: 'date', required: false, options: [] },
  { key: 'paymentMethod', type: 'enum', required: false, options: ['cash', 'card', 'credit'] },
];

describe('validateCustomFields', () => {
  it('accepts valid values of every type', () => {
    expect(
      validateCustomFields(rules, {
        orderNumber: 'A-1',
        amount: 1990.5,
        delivered: true,
        purchaseDate: '2026-01-31',
        paymentMethod: 'card',
      }),
    ).toEqual([]);
  });

  it('names a missing required field', () => {
    expect(validateCustomFields(rules, {})).toEqual([
      { path: 'customFields.orderNumber', code: 'required', message: '"orderNumber" is required' },
    ]);
  });

  it('lets an update leave a required field alone', () => {
    expect(validateCustomFields(rules, { amount: 1 }, true)).toEqual([]);
  });

  it('refuses to clear a required field', () => {
    expect(validateCustomFields(rules, { orderNumber: null }, true)).toMatchObject([
      { path: 'customFields.orderNumber', code: 'required' },
    ]);
  });

  it('reports unknown keys', () => {
    expect(validateCustomFields(rules, { orderNumber: 'x', colour: 'red' })).toMatchObject([
      { path: 'customFields.colour', code: 'unknown_field' },
    ]);
  });

  it.each([
    ['amount', '100'],
    ['amount', Number.NaN],
    ['delivered', 'yes'],
    ['purchaseDate', '31.01.2026'],
    ['purchaseDate', '2026-13-45'],
    ['paymentMethod', 'bitcoin'],
    ['orderNumber', 42],
    ['orderNumber', 'x'.repeat(2001)],
  ])('refuses %s = %j', (key, value) => {
    const errors = validateCustomFields(rules, { orderNumber: 'A-1', [key]: value });
    expect(errors).toMatchObject([{ path: `customFields.${key}`, code: 'invalid_value' }]);
  });

  it('reports every problem at once', () => {
    expect(validateCustomFields(rules, { amount: 'x', delivered: 1, colour: 1 })).toHaveLength(4);
  });
});
