// Owns: the throughput benchmark of the SLA working-time arithmetic on a realistic store
// calendar. Plain script, not a vitest test: `npx tsx bench/working-time.bench.ts`.
import type { CalendarException } from '../src/modules/sla/calendar.ts';
import { weeklyCalendar } from '../src/modules/sla/calendar.ts';
import { addWorkingMinutes, compileCalendar, workingMinutesBetween } from '../src/modules/sla/working-time.ts';
import { seededRandom } from '../src/modules/routing/classifier/random.ts';

const RUNS = 5;
const RUN_MS = 1_000;
const WARMUP_MS = 1_500;
const SAMPLES = 1 << 16;
const DAY_MS = 86_400_000;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 0, 1);

function storeCalendar() {
  const daily = [{ start: '10:00', end: '22:00' }];
  const holidays: CalendarException[] = [];
  for (const year of [2025, 2026]) {
    for (let d = 1; d <= 8; d++) {
      holidays.push({ date: `${year}-01-0${d}`, intervals: [], name: 'New Year holidays' });
    }
    holidays.push({ date: `${year}-05-09`, intervals: [], name: 'Victory Day' });
    holidays.push({ date: `${year}-06-12`, intervals: [], name: 'Russia Day' });
  }
  const short = (date: string, name: string): CalendarException => ({
    date,
    intervals: [{ start: '10:00', end: '18:00' }],
    name,
  });
  const shortened = [
    short('2025-02-22', 'Pre-holiday'),
    short('2025-03-07', 'Pre-holiday'),
    short('2025-12-31', 'New Year’s Eve'),
    short('2026-03-07', 'Pre-holiday'),
    short('2026-12-31', 'New Year’s Eve'),
  ];
  return { ...weeklyCalendar('Europe/Moscow', daily, daily, daily), exceptions: [...holidays, ...shortened] };
}

function measure(name: string, batch: () => number): void {
  const runs: number[] = [];
  let sink = 0;
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) {
    sink += batch();
  }
  for (let r = 0; r < RUNS; r++) {
    let calls = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < RUN_MS) {
      sink += batch();
      calls += SAMPLES;
      elapsed = performance.now() - t0;
    }
    runs.push((calls / elapsed) * 1000);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
  console.log(`${name}: median ${fmt(median)} calls/s (runs: ${runs.map(fmt).join(', ')})${sink === 0.5 ? ' ' : ''}`);
}

const calendar = compileCalendar(storeCalendar());
const random = seededRandom(20250101);
const starts: Date[] = [];
const minutes: number[] = [];
const ends: Date[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const start = FROM + Math.floor(random() * (TO - FROM));
  starts.push(new Date(start));
  minutes.push(1 + Math.floor(random() * 3 * 60 * 24));
  ends.push(new Date(start + Math.floor(random() * 7 * DAY_MS)));
}

console.log(
  `Store calendar: Europe/Moscow, 10:00–22:00 daily, ${calendar.calendar.exceptions.length} exceptions over 2025–2026`,
);
console.log(
  `Inputs: ${SAMPLES.toLocaleString('en-US')} random starts in 2025–2026; ` +
    'minutes in [1, 4320]; between-spans of 0–7 days',
);
measure('addWorkingMinutes', () => {
  let acc = 0;
  for (let i = 0; i < SAMPLES; i++) {
    acc += addWorkingMinutes(calendar, starts[i] as Date, minutes[i] as number).getTime();
  }
  return acc;
});
measure('workingMinutesBetween', () => {
  let acc = 0;
  for (let i = 0; i < SAMPLES; i++) {
    acc += workingMinutesBetween(calendar, starts[i] as Date, ends[i] as Date);
  }
  return acc;
});
