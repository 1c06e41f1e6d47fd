// Pure validation of an appeal's custom fields against the definitions for its kind.
import type { FieldError } from '../../server/errors.ts';

export interface FieldRule {
  key: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'enum';
  required: boolean;
  options: string[];
}

const MAX_STRING = 2000;

function checkValue(rule: FieldRule, value: unknown): string | null {
  switch (rule.type) {
    case 'string':
      return typeof value === 'string' && value.length <= MAX_STRING
        ? null
        : `a text of at most ${MAX_STRING} characters`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'a date YYYY-MM-DD';
    case 'enum':
      return typeof value === 'string' && rule.options.includes(value) ? null : `one of ${rule.options.join(', ')}`;
  }
}

/**
 * Every problem is reported: unknown keys, missing required ones, wrong types. `partial` checks an update,
 * where absent required fields keep their stored value; `null` clears an optional field.
 */
export function validateCustomFields(
  rules: FieldRule[],
  values: Record<string, unknown>,
  partial = false,
): FieldError[] {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values)) {
    const rule = byKey.get(key);
    const path = `customFields.${key}`;
    if (!rule) {
      errors.push({ path, code: 'unknown_field', message: `No custom field "${key}" for this kind` });
    } else if (value === null) {
      if (rule.required) {
        errors.push({ path, code: 'required', message: `"${key}" is required` });
      }
    } else {
      const expected = checkValue(rule, value);
      if (expected) {
        errors.push({ path, code: 'invalid_value', message: `"${key}" must be ${expected}` });
      }
    }
  }
  if (!partial) {
    for (const rule of rules) {
      if (
        rule.required &&
        (values[rule.key] === undefined || values[rule.key] === null) &&
        !errors.some((e) => e.path === `customFields.${rule.key}`)
      ) {
        errors.push({ path: `customFields.${rule.key}`, code: 'required', message: `"${rule.key}" is required` });
      }
    }
  }
  return errors;
}
