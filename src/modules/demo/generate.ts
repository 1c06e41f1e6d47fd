// Pure generation of a demo retail chain: its units and people (generateOrg), step by step from the head office
// to the stores, and the UTC offsets of their zones. No database here; the same seed gives the same objects.
import type { DemoMembership, DemoOrg, DemoUnit, DemoUser, Role, UnitType } from './model.ts';
import { capitalised, personName, transliterate, type Gender } from './names.ts';
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
const MOSCOW = 'Europe/Moscow';
/** Where service centres are: positions in REGIONS. */
const SERVICE_CENTRE_REGIONS: readonly number[] = [0, 2, 3];
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
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  } catch {
    return 180;
  }
}

/** Units other than stores are named in notes only: «Передано в службу установки и монтажа». */
function named(acc: string, en: string): DemoUnit['label'] {
  return { ru: acc, en, acc };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
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

interface UnitSpec {
  type: UnitType;
  name: string;
  code: string;
  timeZone: string;
  parentId: string | null;
  label: DemoUnit['label'];
}

function addUnit(builder: OrgBuilder, spec: UnitSpec): DemoUnit {
  const { rng } = builder;
  const unit: DemoUnit = {
    id: rng.uuid(),
    type: spec.type,
    name: spec.name,
    code: spec.code,
    timeZone: spec.timeZone,
    parentId: spec.parentId,
    contacts: {
      emails: [`${spec.code.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`],
      phones: [randomPhone(rng, spec.type === 'store' ? '+7800' : '+7495')],
    },
    offsetMinutes: ZONE_OFFSETS[spec.timeZone] ?? 180,
    label: spec.label,
    weight: spec.type === 'store' ? Math.min(4, Math.max(0.3, rng.logNormal(1, 0.45))) : 1,
  };
  builder.units.push(unit);
  return unit;
}

interface UserSpec {
  role: Role;
  unitIds: readonly string[];
  /** Whether the user answers for those units. */
  responsible: boolean;
  email?: string;
  gender?: Gender;
  locale?: 'ru' | 'en';
}

function addUser(builder: OrgBuilder, spec: UserSpec): DemoUser {
  const person = personName(builder.rng, spec.gender);
  let email = spec.email ?? `${transliterate(person.first)}.${transliterate(person.last)}@${DEMO_EMAIL_DOMAIN}`;
  for (let suffix = 2; builder.emails.has(email); suffix++) {
    email = email.replace(/(\d*)@/, `${suffix}@`);
  }
  builder.emails.add(email);
  const shortName = `${person.first} ${person.last}`;
  const user: DemoUser = {
    id: builder.rng.uuid(),
    email,
    name: shortName,
    role: spec.role,
    locale: spec.locale ?? 'ru',
    gender: person.gender,
    shortName,
  };
  builder.users.push(user);
  for (const unitId of spec.unitIds) {
    builder.members.push({ unitId, userId: user.id, responsible: spec.responsible });
  }
  return user;
}

/** The departments under the head office; all in Moscow but the call centre. */
const DEPARTMENTS = {
  customerService: {
    type: 'customer_service',
    name: 'Служба заботы о клиентах',
    code: 'CS',
    timeZone: MOSCOW,
    label: named('службу заботы о клиентах', 'Customer Care'),
  },
  callCentre: {
    type: 'call_centre',
    name: 'Контакт-центр',
    code: 'CC',
    timeZone: 'Europe/Samara',
    label: named('контакт-центр', 'contact centre'),
  },
  documents: {
    type: 'document_service',
    name: 'Документационная служба',
    code: 'DOC',
    timeZone: MOSCOW,
    label: named('документационную службу', 'document service'),
  },
  installation: {
    type: 'services',
    name: 'Служба установки и монтажа',
    code: 'SRV-INST',
    timeZone: MOSCOW,
    label: named('службу установки и монтажа', 'installation service'),
  },
  it: {
    type: 'services',
    name: 'ИТ-сервис',
    code: 'SRV-IT',
    timeZone: MOSCOW,
    label: named('ИТ-сервис', 'IT service'),
  },
} as const satisfies Record<string, Omit<UnitSpec, 'parentId'>>;

/** The head office and its departments. */
function addCentralUnits(builder: OrgBuilder, chain: string) {
  const hq = addUnit(builder, {
    type: 'office',
    name: `Головной офис «${chain}»`,
    code: 'HQ',
    timeZone: MOSCOW,
    parentId: null,
    label: named('головной офис', 'head office'),
  });
  const department = (spec: Omit<UnitSpec, 'parentId'>) => addUnit(builder, { ...spec, parentId: hq.id });
  return {
    hq,
    customerService: department(DEPARTMENTS.customerService),
    callCentre: department(DEPARTMENTS.callCentre),
    documents: department(DEPARTMENTS.documents),
    installation: department(DEPARTMENTS.installation),
    it: department(DEPARTMENTS.it),
  };
}

/** A region's office, made the first time a unit of the region needs it. */
function regionalOffices(builder: OrgBuilder, hqId: string): (region: Region) => DemoUnit {
  const offices = new Map<string, DemoUnit>();
  return (region) => {
    let office = offices.get(region.code);
    if (!office) {
      office = addUnit(builder, {
        type: 'office',
        name: `Региональный офис «${region.name}»`,
        code: `RO-${region.code}`,
        timeZone: region.timeZone,
        parentId: hqId,
        label: named(`региональный офис «${region.name}»`, 'regional office'),
      });
      offices.set(region.code, office);
    }
    return office;
  };
}

/** Service centres in the hubs of two or three of the regions. */
function addServiceCentres(builder: OrgBuilder, officeOf: (region: Region) => DemoUnit): DemoUnit[] {
  const candidates = REGIONS.filter((_, position) => SERVICE_CENTRE_REGIONS.includes(position));
  return candidates.slice(0, builder.rng.int(2, 3)).map((region, position) => {
    const city = region.cities[0];
    return addUnit(builder, {
      type: 'service_centre',
      name: `Сервисный центр, ${city}`,
      code: `SC-${position + 1}`,
      timeZone: region.timeZone,
      parentId: officeOf(region).id,
      label: { ru: `в СЦ (${city})`, en: 'service centre', acc: `сервисный центр (${city})` },
    });
  });
}

/** Spreads stores over regions by weight, one in each region first so every time zone is represented. */
function storeRegions(rng: Rng, count: number): Region[] {
  const regions = REGIONS.slice(0, Math.min(count, REGIONS.length));
  while (regions.length < count) {
    regions.push(rng.weighted(REGIONS.map((region) => [region, region.weight] as const)));
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

/** The stores, the first of each region in its hub. */
function addStores(builder: OrgBuilder, count: number, officeOf: (region: Region) => DemoUnit): DemoUnit[] {
  const { rng } = builder;
  return storeRegions(rng, count).map((region, position) => {
    const firstInRegion = !builder.units.some((unit) => unit.type === 'store' && unit.timeZone === region.timeZone);
    const city = firstInRegion ? region.cities[0] : rng.pick(region.cities);
    const { address, label } = storeAddress(rng);
    return addUnit(builder, {
      type: 'store',
      name: `${city}, ${address}`,
      code: `ST-${pad(position + 1, 3)}`,
      timeZone: region.timeZone,
      parentId: officeOf(region).id,
      label: { ru: label, en: capitalised(transliterate(city)), acc: `магазин ${label}` },
    });
  });
}

export function generateOrg(rng: Rng, options: OrgOptions): DemoOrg {
  const chain = rng.pick(CHAIN_NAMES);
  const builder: OrgBuilder = { rng, units: [], users: [], members: [], emails: new Set() };
  const central = addCentralUnits(builder, chain);
  const officeOf = regionalOffices(builder, central.hq.id);
  const serviceCentres = addServiceCentres(builder, officeOf);
  const stores = addStores(builder, options.stores ?? 20, officeOf);

  const { hq, customerService, callCentre } = central;
  const add = (role: Role, unitId: string, responsible: boolean, more: Partial<UserSpec> = {}) =>
    addUser(builder, { role, unitIds: [unitId], responsible, ...more });
  add('admin', hq.id, false, { email: `admin@${DEMO_EMAIL_DOMAIN}` });
  add('cs_head', customerService.id, true);
  add('supervisor', customerService.id, false);
  add('supervisor', callCentre.id, true);
  for (let i = 0; i < (options.agents ?? 10); i++) {
    // Most agents work in Customer Service, a few in the call centre; one of them answers in English.
    add('agent', i % 4 === 3 ? callCentre.id : customerService.id, false, { locale: i === 1 ? 'en' : 'ru' });
  }
  for (const unit of [...stores, ...serviceCentres, central.documents, central.installation, central.it]) {
    add('unit_responsible', unit.id, true);
  }
  for (let i = 0; i < 2; i++) {
    add('analyst', hq.id, false);
  }

  const createdAt = options.baseDate.getTime() - Math.round(options.years * 365.25 * DAY) - 60 * DAY;
  return { chain, createdAt, units: builder.units, users: builder.users, members: builder.members };
}
