import { describe, expect, it } from 'vitest';
import { checkSubmission, isLegibleName, MIN_COMMENT_TEXT, type Submission } from './submission-check.ts';
import { SubmissionRules } from './submissions.schema.ts';

type Rules = SubmissionRules;
type Attachment = Submission['attachments'][number];

const NO_RULES: Rules = {
  requireComment: false,
  requireSequenceNumber: false,
  requireLegibleCustomerName: false,
  requiredDocuments: [],
  minImageWidth: 0,
  minImageHeight: 0,
};
const STORE_RULES: Rules = {
  ...NO_RULES,
  requireComment: true,
  requireSequenceNumber: true,
  requireLegibleCustomerName: true,
  minImageWidth: 800,
  minImageHeight: 600,
};
const rules = (r: Partial<Rules> = {}): Rules => ({ ...NO_RULES, ...r });

const GOOD: Submission = {
  description: 'Покупатель ждал консультанта сорок минут',
  sequenceNumber: 'МАГ-17/2024',
  customerName: 'Анна Петрова',
  attachments: [],
};
const submission = (s: Partial<Submission> = {}): Submission => ({ ...GOOD, ...s });
const photo = (
  width: number | null,
  height: number | null,
  documentKind = 'photo',
  contentType = 'image/jpeg',
): Attachment => ({ documentKind, contentType, width, height });
const doc = (documentKind: string, contentType = 'application/pdf'): Attachment => ({
  documentKind,
  contentType,
  width: null,
  height: null,
});
const codes = (r: Rules, s: Submission) => checkSubmission(r, s).map((f) => `${f.path}:${f.code}`);

describe('isLegibleName', () => {
  it.each([
    'Анна',
    'Иван Петров',
    'Петров Иван Сергеевич',
    'Анна-Мария',
    'Ли',
    'Ян',
    'Ёлкина Алёна',
    'ЕЛЕНА',
    'елена',
    "O'Brien",
    'O’Connor',
    "D'Artagnan",
    'Д’Артаньян',
    'Jean-Luc Picard',
    'Mary Jane Watson',
    'Ng',
    'Xi',
    'Әлихан Нұрсұлтанұлы',
    'Айгерім',
    'Қуаныш Өтегенов',
    'Ұлжан',
    'Гүлнар Сейітқызы',
    'José Álvarez',
    'Zoë',
    'Müller',
    'Łukasz Żółć',
    'Σωκράτης',
    '王小明',
    'Иванов И.И.',
    'Иванов И. И.',
    'Петрова А.',
    'Клиент Иванов',
    '  Анна  ',
    'Anne\u0301',
  ])('accepts %j', (name) => {
    expect(isLegibleName(name)).toBe(true);
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    '\t\n',
    'a',
    'Ъ',
    'Я',
    '1234',
    '12',
    'Иван2',
    'Анна 1',
    '??',
    '???',
    '-',
    '--',
    '.',
    '!!!',
    'ааааа',
    'АААА',
    'xx',
    'zzzzzz',
    'Ааа Ббб',
    'И. И.',
    'А.А.',
    'n/a',
    'N/A',
    'нет',
    'НЕТ',
    'Нет.',
    'no name',
    'No-Name',
    'noname',
    'неизвестно',
    'Неизвестный',
    'unknown',
    'Unknown',
    'аноним',
    'Анонимно',
    'test',
    'Test Test',
    'тест',
    'нет имени',
    'без имени',
    'не указано',
    'ФИО',
    'клиент',
    'покупатель',
    'customer',
    'null',
    'undefined',
    'none',
    'qwerty',
    'йцукен',
    'белгісіз',
    'жоқ',
    'ivan@mail.ru',
    'И???',
    'Ли???',
    'A.B.C.D.',
    '#$%&',
    '😀😀',
    'Анна\u0000',
  ])('rejects %j', (name) => {
    expect(isLegibleName(name)).toBe(false);
  });

  it('treats ё and е alike in placeholders', () => {
    expect(isLegibleName('Неизвёстно')).toBe(false);
  });
});

describe('checkSubmission: the comment', () => {
  const on = rules({ requireComment: true });
  it.each([
    ['', 'description:comment_required'],
    ['   ', 'description:comment_required'],
    ['\n\t ', 'description:comment_required'],
    ['Плохо', 'description:comment_too_short'],
    ['!!!!!!!!!!!!!!!!!!!!', 'description:comment_too_short'],
    ['a b c d e f g h i', 'description:comment_too_short'],
    ['Долго ждал', 'description:comment_too_short'],
    ['Долго ждали', ''],
    ['0123456789', ''],
    ['Wait 40 min', 'description:comment_too_short'],
    ['Waited 40 min', ''],
    ['  Сломан товар  ', ''],
  ])('%j → %s', (description, expected) => {
    expect(codes(on, submission({ description }))).toEqual(expected ? [expected] : []);
  });

  it('is not checked when the rule is off', () => {
    expect(codes(NO_RULES, submission({ description: '' }))).toEqual([]);
  });

  it('says how much text there is and how much is needed', () => {
    const [failure] = checkSubmission(on, submission({ description: 'Плохо!' }));
    expect(failure?.message).toContain('5');
    expect(failure?.message).toContain(String(MIN_COMMENT_TEXT));
  });
});

describe('checkSubmission: the sequence number', () => {
  const on = rules({ requireSequenceNumber: true });
  it.each([
    [null, ['sequenceNumber:sequence_number_required']],
    [undefined, ['sequenceNumber:sequence_number_required']],
    ['', ['sequenceNumber:sequence_number_required']],
    ['  ', ['sequenceNumber:sequence_number_required']],
    ['1', []],
    ['МАГ-17/2024', []],
  ])('%j → %j', (sequenceNumber, expected) => {
    expect(codes(on, submission({ sequenceNumber }))).toEqual(expected);
  });

  it('is not checked when the rule is off', () => {
    expect(codes(NO_RULES, submission({ sequenceNumber: null }))).toEqual([]);
  });
});

describe('checkSubmission: the customer name', () => {
  const on = rules({ requireLegibleCustomerName: true });
  it.each([
    [null, 'required'],
    ['', 'required'],
    ['???', 'not legible'],
    ['1234', 'not legible'],
  ])('%j is refused with a message saying it is %s', (customerName, wording) => {
    const failures = checkSubmission(on, submission({ customerName }));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ path: 'customer.name', code: 'customer_name_illegible' });
    expect(failures[0]?.message).toContain(wording);
  });

  it.each(['Анна-Мария', "O'Brien", 'Ли', 'Әлихан'])('%j passes', (customerName) => {
    expect(codes(on, submission({ customerName }))).toEqual([]);
  });

  it('is not checked when the rule is off', () => {
    expect(codes(NO_RULES, submission({ customerName: '???' }))).toEqual([]);
  });
});

describe('checkSubmission: required documents', () => {
  const repairAct = rules({ requiredDocuments: [{ kind: 'repair_act', min: 1 }] });
  const twoScans = rules({ requiredDocuments: [{ kind: 'scan', min: 2 }] });
  const both = rules({
    requiredDocuments: [
      { kind: 'repair_act', min: 1 },
      { kind: 'receipt', min: 1 },
    ],
  });

  it.each<[string, Rules, Attachment[], string[]]>([
    ['none attached', repairAct, [], ['attachmentIds:documents_required']],
    ['other kinds only', repairAct, [doc('receipt'), photo(900, 900)], ['attachmentIds:documents_required']],
    ['the one needed', repairAct, [doc('repair_act')], []],
    ['more than needed', repairAct, [doc('repair_act'), doc('repair_act')], []],
    ['one of two scans', twoScans, [doc('scan')], ['attachmentIds:documents_required']],
    ['two scans', twoScans, [doc('scan', 'image/png'), doc('scan')], []],
    ['neither of two kinds', both, [], ['attachmentIds:documents_required', 'attachmentIds:documents_required']],
    ['one of two kinds', both, [doc('receipt')], ['attachmentIds:documents_required']],
    ['both kinds', both, [doc('receipt'), doc('repair_act')], []],
    ['no rule', NO_RULES, [], []],
  ])('%s', (_name, r, attachments, expected) => {
    expect(codes(r, submission({ attachments }))).toEqual(expected);
  });

  it('names the kind, how many are needed and how many were given', () => {
    const [failure] = checkSubmission(twoScans, submission({ attachments: [doc('scan')] }));
    expect(failure?.message).toBe('Attach 2 documents of kind "scan": 1 given');
  });

  it('reports each missing kind separately', () => {
    const messages = checkSubmission(both, submission()).map((f) => f.message);
    expect(messages).toEqual([
      'Attach 1 document of kind "repair_act": 0 given',
      'Attach 1 document of kind "receipt": 0 given',
    ]);
  });

  it('matches kinds exactly', () => {
    expect(codes(repairAct, submission({ attachments: [doc('repair_act_old')] }))).toEqual([
      'attachmentIds:documents_required',
    ]);
  });
});

describe('checkSubmission: image resolution', () => {
  const min = rules({ minImageWidth: 800, minImageHeight: 600 });
  it.each<[string, Rules, Attachment[], string[]]>([
    ['exactly the minimum', min, [photo(800, 600)], []],
    ['above it', min, [photo(4032, 3024)], []],
    ['one pixel too narrow', min, [photo(799, 600)], ['attachmentIds.0:image_resolution_too_low']],
    ['one pixel too short', min, [photo(800, 599)], ['attachmentIds.0:image_resolution_too_low']],
    ['portrait below the width', min, [photo(600, 800)], ['attachmentIds.0:image_resolution_too_low']],
    ['tiny', min, [photo(1, 1)], ['attachmentIds.0:image_resolution_too_low']],
    [
      'only the second of three',
      min,
      [photo(1000, 1000), photo(320, 240), doc('receipt')],
      ['attachmentIds.1:image_resolution_too_low'],
    ],
    [
      'two small ones',
      min,
      [photo(100, 100), doc('receipt'), photo(200, 200, 'scan', 'image/png')],
      ['attachmentIds.0:image_resolution_too_low', 'attachmentIds.2:image_resolution_too_low'],
    ],
    ['a PDF is not an image', min, [doc('scan')], []],
    ['an image of unknown size', min, [photo(null, null)], []],
    [
      'WebP and GIF count as images',
      min,
      [photo(10, 10, 'photo', 'image/webp'), photo(10, 10, 'photo', 'image/gif')],
      ['attachmentIds.0:image_resolution_too_low', 'attachmentIds.1:image_resolution_too_low'],
    ],
    ['no minimum', NO_RULES, [photo(1, 1)], []],
    [
      'a width-only minimum',
      rules({ minImageWidth: 1000 }),
      [photo(999, 5000)],
      ['attachmentIds.0:image_resolution_too_low'],
    ],
  ])('%s', (_name, r, attachments, expected) => {
    expect(codes(r, submission({ attachments }))).toEqual(expected);
  });

  it('gives the actual and the required size', () => {
    const [failure] = checkSubmission(min, submission({ attachments: [photo(640, 480)] }));
    expect(failure?.message).toBe('The image is 640×480 pixels; at least 800×600 is required to read it');
  });
});

describe('checkSubmission: combinations', () => {
  it('passes a complete store submission', () => {
    expect(checkSubmission(STORE_RULES, submission({ attachments: [photo(1600, 1200)] }))).toEqual([]);
  });

  it('passes anything when no rule is on', () => {
    expect(
      checkSubmission(NO_RULES, {
        description: '',
        sequenceNumber: null,
        customerName: null,
        attachments: [photo(1, 1)],
      }),
    ).toEqual([]);
  });

  it('reports every failed rule, not just the first, in a stable order', () => {
    const strictRules = { ...STORE_RULES, requiredDocuments: [{ kind: 'repair_act', min: 1 }] };
    const sloppy = { description: ' ', sequenceNumber: '', customerName: 'аааа', attachments: [photo(640, 480)] };
    expect(codes(strictRules, sloppy)).toEqual([
      'description:comment_required',
      'sequenceNumber:sequence_number_required',
      'customer.name:customer_name_illegible',
      'attachmentIds:documents_required',
      'attachmentIds.0:image_resolution_too_low',
    ]);
  });

  it.each<[string, Partial<Rules>, Partial<Submission>, string[]]>([
    [
      'comment and name',
      { requireComment: true, requireLegibleCustomerName: true },
      { description: 'Плохо', customerName: '-' },
      ['description:comment_too_short', 'customer.name:customer_name_illegible'],
    ],
    [
      'sequence number only, the rest is bad but not required',
      { requireSequenceNumber: true },
      { description: '', customerName: '??', sequenceNumber: null },
      ['sequenceNumber:sequence_number_required'],
    ],
    [
      'documents and resolution',
      { requiredDocuments: [{ kind: 'scan', min: 1 }], minImageWidth: 1000, minImageHeight: 700 },
      { attachments: [photo(900, 700, 'photo')] },
      ['attachmentIds:documents_required', 'attachmentIds.0:image_resolution_too_low'],
    ],
    [
      'a low-resolution scan satisfies the count but not the resolution',
      { requiredDocuments: [{ kind: 'scan', min: 1 }], minImageWidth: 1000, minImageHeight: 700 },
      { attachments: [photo(500, 500, 'scan')] },
      ['attachmentIds.0:image_resolution_too_low'],
    ],
  ])('%s', (_name, r, s, expected) => {
    expect(codes(rules(r), submission(s))).toEqual(expected);
  });

  it('every failure carries a path, a code and an English message', () => {
    const failures = checkSubmission(
      { ...STORE_RULES, requiredDocuments: [{ kind: 'scan', min: 1 }] },
      { description: '', sequenceNumber: null, customerName: null, attachments: [photo(1, 1)] },
    );
    expect(failures).toHaveLength(5);
    for (const failure of failures) {
      expect(failure.message).toMatch(/^[A-Z][\x20-\x7e×]+$/);
    }
  });
});

describe('SubmissionRules schema', () => {
  it('accepts the seeded service-centre rules', () => {
    const seeded = {
      requireComment: true,
      requireSequenceNumber: true,
      requireLegibleCustomerName: true,
      requiredDocuments: [{ kind: 'repair_act', min: 1 }],
      minImageWidth: 800,
      minImageHeight: 600,
    };
    expect(SubmissionRules.parse(seeded)).toEqual(seeded);
  });

  it.each<[string, unknown, string]>([
    ['an unknown key', { ...NO_RULES, extra: 1 }, ''],
    ['a missing flag', { ...NO_RULES, requireComment: undefined }, 'requireComment'],
    ['min 0', { ...NO_RULES, requiredDocuments: [{ kind: 'scan', min: 0 }] }, 'requiredDocuments.0.min'],
    ['min 21', { ...NO_RULES, requiredDocuments: [{ kind: 'scan', min: 21 }] }, 'requiredDocuments.0.min'],
    ['a bad kind', { ...NO_RULES, requiredDocuments: [{ kind: 'Scan!', min: 1 }] }, 'requiredDocuments.0.kind'],
    ['a negative width', { ...NO_RULES, minImageWidth: -1 }, 'minImageWidth'],
    ['a height over 20000', { ...NO_RULES, minImageHeight: 20_001 }, 'minImageHeight'],
    ['a fractional width', { ...NO_RULES, minImageWidth: 1.5 }, 'minImageWidth'],
  ])('refuses %s', (_name, input, path) => {
    const result = SubmissionRules.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });
});
