import { describe, expect, it } from 'vitest';
import { emailCaptureRate, exactConversion, forceMajeureLevel, responseRate, visitorCoverage } from './ratios.ts';

describe('responseRate', () => {
  it('is answered ÷ sent: 7 of 10 → 0.7 [0.397, 0.892]', () => {
    expect(responseRate(7, 10)).toEqual({
      value: 0.7,
      n: 10,
      ci: { low: expect.closeTo(0.3968, 3), high: expect.closeTo(0.8922, 3) },
    });
  });

  it('is 0 when everyone stayed silent', () => {
    expect(responseRate(0, 12)).toMatchObject({ value: 0, n: 12, ci: { low: 0 } });
  });

  it('is null when nothing was sent', () => {
    expect(responseRate(0, 0)).toEqual({ value: null, n: 0, ci: null });
  });

  it('rejects more answers than surveys sent', () => {
    expect(() => responseRate(11, 10)).toThrow(RangeError);
  });
});

describe('exactConversion', () => {
  it('is surveys ÷ transactions', () => {
    expect(exactConversion(30, 200)).toMatchObject({ value: 0.15, n: 200 });
    expect(exactConversion(30, 200).ci?.low).toBeCloseTo(0.1073, 3);
  });

  it('reports a ratio above 1 without an interval when the till under-counts', () => {
    expect(exactConversion(12, 10)).toEqual({ value: 1.2, n: 10, ci: null });
  });

  it('is null with no transactions', () => {
    expect(exactConversion(5, 0)).toEqual({ value: null, n: 0, ci: null });
  });
});

describe('visitorCoverage', () => {
  it('is surveys ÷ visitors', () => {
    expect(visitorCoverage(45, 1500)).toMatchObject({ value: 0.03, n: 1500 });
  });

  it('survives a door-counter outage', () => {
    expect(visitorCoverage(120, 100)).toEqual({ value: 1.2, n: 100, ci: null });
  });

  it('rejects a negative count', () => {
    expect(() => visitorCoverage(-1, 100)).toThrow(RangeError);
  });
});

describe('forceMajeureLevel', () => {
  it('is force-majeure situations ÷ surveys', () => {
    expect(forceMajeureLevel(2, 40)).toMatchObject({ value: 0.05, n: 40 });
  });

  it('is null with no surveys and rejects more force majeure than surveys', () => {
    expect(forceMajeureLevel(0, 0).value).toBeNull();
    expect(() => forceMajeureLevel(3, 2)).toThrow(RangeError);
  });
});

describe('emailCaptureRate', () => {
  it('meets the 70 % target at exactly 7 of 10', () => {
    expect(emailCaptureRate(7, 10)).toMatchObject({ value: 0.7, n: 10, target: 0.7, meetsTarget: true });
  });

  it('misses it at 69 of 100', () => {
    expect(emailCaptureRate(69, 100).meetsTarget).toBe(false);
  });

  it('meets it where binary fractions would say otherwise: 21 of 30 at 70 %', () => {
    expect(emailCaptureRate(21, 30).meetsTarget).toBe(true);
  });

  it('takes a centre-specific target', () => {
    expect(emailCaptureRate(69, 100, 0.6)).toMatchObject({ meetsTarget: true, target: 0.6 });
  });

  it('says nothing about the target with no intakes', () => {
    expect(emailCaptureRate(0, 0)).toEqual({ value: null, n: 0, ci: null, target: 0.7, meetsTarget: null });
  });

  it('rejects a target outside 0..1', () => {
    expect(() => emailCaptureRate(1, 2, 70)).toThrow(RangeError);
  });
});
