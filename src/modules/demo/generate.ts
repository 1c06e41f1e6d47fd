// Pure generation of a demo retail chain: its units and people (generateOrg) and its customers
// (customerBatches). No database here; the same seed gives the same objects, byte for byte.
import type { DemoMembership, DemoOrg, DemoUnit, DemoUser, Role, UnitType } from './model.ts';
import { personName, transliterate, type Gender } from './names.ts';
import { CHAIN_NAMES, MALLS, REGIONS, STREETS, type Region } from './places.ts';
import type { Rng } from './random.ts';

export interface OrgOptions {
  stores?: number;
  agents?: number;
  baseDate: Date;
  years: number;
}

export const DEMO_EMAIL_DOMAIN = 'demo.otklik.local';
const DAY = 86_400_000;
// Whole-hour offsets of the zones the demo uses; none has had daylight saving since 2016.
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  'Europe/Moscow': 180,
  'Europe/Samara': 240,
  'Asia/Yekaterinburg': 300,
  'Asia/Novosibirsk': 420,
  'Asia/Vladivostok': 600,
};

/** The zone's offset at an instant: the table for the demo's zones, Intl for anything read from a database. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const known = ZONE_OFFSETS[timeZone];
  if (known !== undefined) {
    return known;
  }
  try {
    const part =
      new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
        .formatToParts(at)
        .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(part);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  } catch {
    return 180;
  }
}

/** Units other than stores are named in notes only: «Передано в службу установки и монтажа». */
function named(acc: string, en: string): DemoUnit['label'] {
  return { ru: acc, en, acc };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function randomPhone(rng: Rng, prefix: string): string {
  return `${prefix}${pad(rng.int(0, 9_999_999), 7)}`;
}

interface OrgBuilder {
  rng: Rng;
  units: DemoUnit[];
  users: DemoUser[];
  members: DemoMembership[];
  emails: Set<string>;
}

function addUnit(
  b: OrgBuilder,
  type: UnitType,
  name: string,
  code: string,
  timeZone: string,
  parentId: string | null,
  label: DemoUnit['label'],
): DemoUnit {
  const unit: DemoUnit = {
    id: b.rng.uuid(),
    type,
    name,
    code,
    timeZone,
    parentId,
    contacts: {
      emails: [`${code.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`],
      phones: [randomPhone(b.rng, type === 'store' ? '+7800' : '+7495')],
    },
    offsetMinutes: ZONE_OFFSETS[timeZone] ?? 180,
    label,
    weight: type === 'store' ? Math.min(4, Math.max(0.3, b.rng.logNormal(1, 0.45))) : 1,
  };
  b.units.push(unit);
  return unit;
}

function addUser(
  b: OrgBuilder,
  role: Role,
  unitIds: readonly string[],
  responsible: boolean,
  options: { email?: string; gender?: Gender; locale?: 'ru' | 'en' } = {},
): DemoUser {
  const person = personName(b.rng, options.gender);
  let email = options.email ?? `${transliterate(person.first)}.${transliterate(person.last)}@${DEMO_EMAIL_DOMAIN}`;
  for (let n = 2; b.emails.has(email); n++) {
    email = email.replace(/(\d*)@/, `${n}@`);
  }
  b.emails.add(email);
  const shortName = `${person.first} ${person.last}`;
  const user: DemoUser = {
    id: b.rng.uuid(),
    email,
    name: shortName,
    role,
    locale: options.locale ?? 'ru',
    gender: person.gender,
    shortName,
  };
  b.users.push(user);
  for (const unitId of unitIds) {
    b.members.push({ unitId, userId: user.id, responsible });
  }
  return user;
}

/** Spreads stores over regions by weight, one in each region first so every time zone is represented. */
function storeRegions(rng: Rng, count: number): Region[] {
  const regions = REGIONS.slice(0, Math.min(count, REGIONS.length));
  while (regions.length < count) {
    regions.push(rng.weighted(REGIONS.map((r) => [r, r.weight] as const)));
  }
  return regions;
}

function storeAddress(rng: Rng): { address: string; label: string } {
  const street = `${rng.pick(STREETS)}, ${rng.int(1, 180)}`;
  if (rng.chance(0.4)) {
    const mall = rng.pick(MALLS);
    return { address: `${mall}, ${street}`, label: `в ${mall}` };
  }
  return { address: street, label: `на ${street}` };
}

export function generateOrg(rng: Rng, options: OrgOptions): DemoOrg {
  const storeCount = options.stores ?? 20;
  const agentCount = options.agents ?? 10;
  const chain = rng.pick(CHAIN_NAMES);
  const b: OrgBuilder = { rng, units: [], users: [], members: [], emails: new Set() };
  const moscow = 'Europe/Moscow';

  const hq = addUnit(
    b,
    'office',
    `Головной офис «${chain}»`,
    'HQ',
    moscow,
    null,
    named('головной офис', 'head office'),
  );
  const cs = addUnit(
    b,
    'customer_service',
    'Служба заботы о клиентах',
    'CS',
    moscow,
    hq.id,
    named('службу заботы о клиентах', 'Customer Care'),
  );
  const cc = addUnit(
    b,
    'call_centre',
    'Контакт-центр',
    'CC',
    'Europe/Samara',
    hq.id,
    named('контакт-центр', 'contact centre'),
  );
  const doc = addUnit(
    b,
    'document_service',
    'Документационная служба',
    'DOC',
    moscow,
    hq.id,
    named('документационную службу', 'document service'),
  );
  const install = addUnit(
    b,
    'services',
    'Служба установки и монтажа',
    'SRV-INST',
    moscow,
    hq.id,
    named('службу установки и монтажа', 'installation service'),
  );
  const it = addUnit(b, 'services', 'ИТ-сервис', 'SRV-IT', moscow, hq.id, named('ИТ-сервис', 'IT service'));

  const offices = new Map<string, DemoUnit>();
  const officeOf = (region: Region) => {
    let office = offices.get(region.code);
    if (!office) {
      office = addUnit(
        b,
        'office',
        `Региональный офис «${region.name}»`,
        `RO-${region.code}`,
        region.timeZone,
        hq.id,
        named(`региональный офис «${region.name}»`, 'regional office'),
      );
      offices.set(region.code, office);
    }
    return office;
  };

  const serviceCentreRegions = [REGIONS[0]!, REGIONS[2]!, REGIONS[3]!].slice(0, rng.int(2, 3));
  const serviceCentres = serviceCentreRegions.map((region, i) => {
    const city = region.cities[0]!;
    return addUnit(
      b,
      'service_centre',
      `Сервисный центр, ${city}`,
      `SC-${i + 1}`,
      region.timeZone,
      officeOf(region).id,
      { ru: `в СЦ (${city})`, en: 'service centre', acc: `сервисный центр (${city})` },
    );
  });

  const stores = storeRegions(rng, storeCount).map((region, i) => {
    const firstInRegion = !b.units.some((u) => u.type === 'store' && u.timeZone === region.timeZone);
    const city = firstInRegion ? region.cities[0]! : rng.pick(region.cities);
    const { address, label } = storeAddress(rng);
    const cityEn = transliterate(city).replace(/^./, (c) => c.toUpperCase());
    return addUnit(b, 'store', `${city}, ${address}`, `ST-${pad(i + 1, 3)}`, region.timeZone, officeOf(region).id, {
      ru: label,
      en: cityEn,
      acc: `магазин ${label}`,
    });
  });

  addUser(b, 'admin', [hq.id], false, { email: `admin@${DEMO_EMAIL_DOMAIN}` });
  addUser(b, 'cs_head', [cs.id], true);
  addUser(b, 'supervisor', [cs.id], false);
  addUser(b, 'supervisor', [cc.id], true);
  for (let i = 0; i < agentCount; i++) {
    // Most agents work in Customer Service, a few in the call centre; one of them answers in English.
    addUser(b, 'agent', [i % 4 === 3 ? cc.id : cs.id], false, { locale: i === 1 ? 'en' : 'ru' });
  }
  for (const unit of [...stores, ...serviceCentres, doc, install, it]) {
    addUser(b, 'unit_responsible', [unit.id], true);
  }
  for (let i = 0; i < 2; i++) {
    addUser(b, 'analyst', [hq.id], false);
  }

  const createdAt = options.baseDate.getTime() - Math.round(options.years * 365.25 * DAY) - 60 * DAY;
  return { chain, createdAt, units: b.units, users: b.users, members: b.members };
}
