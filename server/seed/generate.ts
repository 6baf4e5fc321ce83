import { addMonths, addPeriods, periodOf } from '../../shared/rules/dates.ts';
import { bpuContribution, puContribution, type ContributionAmounts } from '../../shared/rules/contributions.ts';
import { createRandom, type Random } from './random.ts';
import { demoPeople, type DemoCard, type DemoPerson } from './demo-people.ts';
import { birthRegions, employerKinds, familyNames, femaleGivenNames, maleGivenNames, motherGivenNames } from './name-lists.ts';
import { jhtReturnBpForYear } from './jht-return-rates.ts';

export interface PlannedContribution extends ContributionAmounts {
  period: string;
  wageBase: number;
  status: 'PAID' | 'UNPAID';
  paidAt: string | null;
}

export interface PlannedMembership {
  kpj: string;
  employerNpp: string | null;
  segment: 'PU' | 'BPU';
  programs: string[];
  status: 'ACTIVE' | 'NONACTIVE';
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  reportedWage: number | null;
  declaredIncome: number | null;
  jkkRiskClass: number;
  contributions: PlannedContribution[];
  balance: { asOf: string; contributionTotal: number; developmentTotal: number; total: number };
}

export interface PlannedPerson {
  demoKey: string | null;
  story: string | null;
  nik: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  motherName: string;
  account: { email: string; phone: string } | null;
  /** When face match and Pengkinian Data were recorded (DOMAIN.md rule 3 needs both for JMO claims). */
  verifiedOn: string | null;
  phone: string;
  memberships: PlannedMembership[];
}

export interface PlannedEmployer {
  npp: string;
  name: string;
  city: string;
  jkkRiskClass: number;
  largeFirm: boolean;
}

export interface SeedPlan {
  employers: PlannedEmployer[];
  people: PlannedPerson[];
}

const SEED = 20_261_125;
const JKP_START_PERIOD = '2021-02';
const WAGE_GROWTH_PER_YEAR = 0.06;
/** BPU members pay JKK, JKM and JHT themselves: every other program and payer is 0. */
const NO_CONTRIBUTION: ContributionAmounts = { jhtEmployer: 0, jhtWorker: 0, jpEmployer: 0, jpWorker: 0, jkk: 0, jkm: 0, jkp: 0 };

/** Deterministic for a given `today` and size: the same demo on every machine. */
export function planSeed(today: string, extraParticipants: number): SeedPlan {
  const random = createRandom(SEED);
  const ids = createIdentifierSource(random);
  const employers = new Map<string, PlannedEmployer>();
  const employerFor = (name: string, riskClass: number): PlannedEmployer => {
    const known = employers.get(name);
    if (known) return known;
    const employer = { npp: String(10_000_000 + employers.size * 7_919).slice(0, 8), name, city: random.pick(birthRegions).city, jkkRiskClass: riskClass, largeFirm: !name.startsWith('CV') };
    employers.set(name, employer);
    return employer;
  };

  const people = demoPeople(today).map((person) => planPerson(person, today, ids, employerFor));
  for (let index = 0; index < extraParticipants; index++) {
    people.push(planPerson(randomPerson(random, today, index), today, ids, employerFor));
  }
  return { employers: [...employers.values()], people };
}

function planPerson(
  person: DemoPerson,
  today: string,
  ids: IdentifierSource,
  employerFor: (name: string, riskClass: number) => PlannedEmployer,
): PlannedPerson {
  const isDemo = !person.key.startsWith('random-');
  return {
    demoKey: isDemo ? person.key : null,
    story: isDemo ? person.story : null,
    nik: ids.nik(person.regionCode, person.birthDate, person.sex),
    fullName: person.fullName,
    birthDate: person.birthDate,
    sex: person.sex,
    motherName: person.motherName,
    account: person.email ? { email: person.email, phone: person.phone } : null,
    // Demo accounts did face match and Pengkinian Data earlier, so a balance within the limit
    // is claimed in the app as program info says; generated people did not, and show Lapak Asik.
    verifiedOn: isDemo && person.email ? addMonths(today, -3) : null,
    phone: person.phone,
    memberships: person.cards.map((card) => {
      const employer = card.employer ? employerFor(card.employer, card.riskClass) : null;
      return planMembership(card, ids.kpj(), employer, today);
    }),
  };
}

function planMembership(card: DemoCard, kpj: string, employer: PlannedEmployer | null, today: string): PlannedMembership {
  const segment = employer ? 'PU' : 'BPU';
  const lastCompletePeriod = addPeriods(periodOf(today), -1);
  const endPeriod = card.endDate && periodOf(card.endDate) < lastCompletePeriod ? periodOf(card.endDate) : lastCompletePeriod;
  const contributions: PlannedContribution[] = [];
  const unpaid = new Set((card.unpaidMonthsAgo ?? []).map((monthsAgo) => addPeriods(lastCompletePeriod, -monthsAgo + 1)));
  const finalYear = Number(endPeriod.slice(0, 4));
  for (let period = periodOf(card.startDate); period <= endPeriod; period = addPeriods(period, 1)) {
    // Wages were lower in earlier years; the card's wage is the latest one.
    const yearsBefore = finalYear - Number(period.slice(0, 4));
    const wage = Math.round(card.wage / (1 + WAGE_GROWTH_PER_YEAR) ** yearsBefore / 1000) * 1000;
    const isPaid = !unpaid.has(period);
    const paidAt = isPaid ? `${addPeriods(period, 1)}-15` : null;
    const status = isPaid ? 'PAID' : 'UNPAID';
    if (segment === 'PU') {
      const { workerTotal: _worker, employerTotal: _employer, ...amounts } = puContribution(wage, card.riskClass, `${period}-01`);
      const hasJp = employer?.largeFirm ?? false;
      contributions.push({
        ...amounts,
        ...(hasJp ? {} : { jpEmployer: 0, jpWorker: 0 }),
        jkp: period >= JKP_START_PERIOD ? amounts.jkp : 0,
        period,
        wageBase: wage,
        status,
        paidAt,
      });
    } else {
      const amounts = bpuContribution(card.wage, true, 1);
      contributions.push({ ...NO_CONTRIBUTION, jhtWorker: amounts.jht, jkk: amounts.jkk, jkm: amounts.jkm, period, wageBase: amounts.base, status, paidAt });
    }
  }
  const programs = segment === 'BPU' ? ['JKK', 'JKM', 'JHT'] : employer?.largeFirm ? ['JHT', 'JKK', 'JKM', 'JP', 'JKP'] : ['JHT', 'JKK', 'JKM', 'JKP'];
  return {
    kpj,
    employerNpp: employer?.npp ?? null,
    segment,
    programs,
    status: card.endDate ? 'NONACTIVE' : 'ACTIVE',
    startDate: card.startDate,
    endDate: card.endDate,
    endReason: card.endReason,
    reportedWage: segment === 'PU' ? card.wage : null,
    declaredIncome: segment === 'BPU' ? card.wage : null,
    jkkRiskClass: card.riskClass,
    contributions,
    balance: jhtBalance(contributions, lastCompletePeriod),
  };
}

/**
 * The JHT account grows each month by the declared yearly development rate / 12, then takes
 * the month's paid contribution (DOMAIN.md rule 10, applied to the past). It keeps growing
 * after the card ends, until it is claimed.
 */
function jhtBalance(contributions: PlannedContribution[], throughPeriod: string): PlannedMembership['balance'] {
  const byPeriod = new Map(contributions.map((row) => [row.period, row]));
  let balance = 0;
  let contributionTotal = 0;
  let developmentTotal = 0;
  const first = contributions[0]?.period ?? throughPeriod;
  for (let period = first; period <= throughPeriod; period = addPeriods(period, 1)) {
    const development = Math.round((balance * jhtReturnBpForYear(Number(period.slice(0, 4)))) / 10_000 / 12);
    const row = byPeriod.get(period);
    const paid = row?.status === 'PAID' ? row.jhtEmployer + row.jhtWorker : 0;
    developmentTotal += development;
    contributionTotal += paid;
    balance += development + paid;
  }
  return { asOf: lastDayBefore(`${addPeriods(throughPeriod, 1)}-01`), contributionTotal, developmentTotal, total: balance };
}

function lastDayBefore(firstOfMonth: string): string {
  const date = new Date(`${firstOfMonth}T00:00:00Z`);
  date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

function randomPerson(random: Random, today: string, index: number): DemoPerson {
  const sex = random.chance(0.5) ? 'M' : 'F';
  const given = random.pick(sex === 'M' ? maleGivenNames : femaleGivenNames);
  const birthYear = random.int(1968, 2003);
  const birthDate = `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  const todayYear = Number(today.slice(0, 4));
  const isBpu = random.chance(0.12);
  const cardCount = isBpu ? 1 : random.pick([1, 1, 1, 1, 2, 2, 3]);
  const firstStartYear = Math.max(birthYear + 19, todayYear - random.int(1, 25));
  const cards: DemoCard[] = [];
  let start = `${Math.min(firstStartYear, todayYear - 1)}-${String(random.int(1, 12)).padStart(2, '0')}-01`;
  for (let card = 0; card < cardCount; card++) {
    const isLast = card === cardCount - 1;
    const remainingMonths = Math.max(2, (todayYear - Number(start.slice(0, 4))) * 12);
    const endsEarly = !isLast || random.chance(0.15);
    const endDate = endsEarly ? addMonths(start, random.int(Math.min(12, remainingMonths - 1), Math.max(12, Math.floor(remainingMonths / (cardCount - card))))) : null;
    const cappedEnd = endDate && endDate >= today ? null : endDate;
    cards.push({
      employer: isBpu ? null : employerName(random),
      startDate: start,
      endDate: cappedEnd ? lastDayBefore(`${cappedEnd.slice(0, 7)}-01`) : null,
      endReason: cappedEnd ? random.pick(['RESIGN', 'RESIGN', 'PHK'] as const) : null,
      wage: isBpu ? random.pick([1_000_000, 1_500_000, 2_000_000, 3_000_000]) : random.int(28, 140) * 100_000,
      riskClass: random.pick([1, 1, 2, 2, 3, 4, 5] as const),
      unpaidMonthsAgo: random.chance(0.1) ? [random.int(1, 24)] : [],
    });
    if (!cappedEnd) break;
    start = addMonths(`${cappedEnd.slice(0, 7)}-01`, random.int(1, 6));
    if (start >= today) break;
  }
  return {
    key: `random-${index}`,
    fullName: `${given} ${random.pick(familyNames)}`,
    sex,
    birthDate,
    regionCode: random.pick(birthRegions).code,
    motherName: random.pick(motherGivenNames),
    story: '',
    email: null,
    phone: `+62813${String(10_000_000 + index).slice(-8)}`,
    cards,
  };
}

function employerName(random: Random): string {
  const kind = random.chance(0.8) ? employerKinds[0] : employerKinds[1];
  return `${kind.prefix} ${random.pick(kind.words)} ${random.pick(kind.suffixes)}`;
}

interface IdentifierSource {
  nik(regionCode: string, birthDate: string, sex: 'M' | 'F'): string;
  kpj(): string;
}

/**
 * NIKs follow the Dukcapil structure (region, birth date with day+40 for women) but every
 * serial starts with 9, and every KPJ with 99: both recognisably fictitious in any log.
 */
function createIdentifierSource(random: Random): IdentifierSource {
  const usedNiks = new Set<string>();
  const usedKpjs = new Set<string>();
  return {
    nik(regionCode, birthDate, sex) {
      const day = Number(birthDate.slice(8, 10)) + (sex === 'F' ? 40 : 0);
      const stem = `${regionCode}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}`;
      for (;;) {
        const nik = `${stem}9${String(random.int(1, 999)).padStart(3, '0')}`;
        if (!usedNiks.has(nik)) return usedNiks.add(nik), nik;
      }
    },
    kpj() {
      for (;;) {
        const kpj = `99${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
        if (!usedKpjs.has(kpj)) return usedKpjs.add(kpj), kpj;
      }
    },
  };
}
