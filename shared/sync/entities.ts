import type { ContributionAmounts } from '../rules/contributions.ts';

/**
 * The rows the server sends to the phone, one type per synced table. `key` is the server
 * row's id as a string: a deleted row leaves only its id behind, so tombstones can name it.
 */
export interface ProfileRecord {
  key: 'me';
  nikMasked: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  email: string;
  phone: string;
  address: string | null;
  npwp: string | null;
  bankCode: string | null;
  bankAccount: string | null;
  faceVerified: boolean;
  dataUpdated: boolean;
}

export interface MembershipRecord {
  key: string;
  kpj: string;
  segment: 'PU' | 'BPU';
  employerName: string | null;
  programs: string[];
  status: 'ACTIVE' | 'NONACTIVE' | 'LAPSED';
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  reportedWage: number | null;
  declaredIncome: number | null;
  /** Signed QR payload of the digital card (shared/cards/card-token.ts). */
  cardToken: string;
}

export interface BalanceRecord {
  key: string; // the membership's key
  kpj: string;
  asOf: string;
  contributionTotal: number;
  developmentTotal: number;
  paidOutTotal: number;
  total: number;
}

export interface ContributionRecord extends ContributionAmounts {
  key: string;
  kpj: string;
  period: string;
  wageBase: number;
  status: 'PAID' | 'UNPAID' | 'LATE';
  paidAt: string | null;
}

export interface ClaimRecord {
  key: string;
  claimNo: string;
  draftId: string;
  kpj: string;
  program: string;
  type: string;
  cause: string | null;
  channel: string;
  requestedAmount: number;
  approvedAmount: number | null;
  tax: number | null;
  status: string;
  /** The checklist document the office asked to be photographed again (status RETURNED), else null. */
  requestedDocumentId: string | null;
  createdAt: string;
}

export interface ClaimEventRecord {
  key: string;
  claimKey: string;
  status: string;
  note: string | null;
  at: string;
}

export interface ComplaintRecord {
  key: string;
  ticketNo: string;
  draftId: string;
  kpj: string | null;
  category: string;
  description: string;
  status: 'OPEN' | 'ANSWERED' | 'CLOSED';
  createdAt: string;
}

export interface ComplaintMessageRecord {
  key: string;
  complaintKey: string;
  author: 'participant' | 'officer';
  body: string;
  at: string;
}

export interface PaymentRecord {
  key: string;
  requestId: string;
  kpj: string;
  periods: string[];
  withJht: boolean;
  amount: number;
  virtualAccount: string;
  status: 'PENDING' | 'PAID' | 'EXPIRED';
  expiresAt: string;
  paidAt: string | null;
  receiptNo: string | null;
  createdAt: string;
}

export interface NotificationRecord {
  key: string;
  kind: 'CLAIM_STATUS' | 'PAYMENT_PAID' | 'COMPLAINT_REPLY';
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface SyncEntities {
  profile: ProfileRecord;
  memberships: MembershipRecord;
  balances: BalanceRecord;
  contributions: ContributionRecord;
  claims: ClaimRecord;
  claimEvents: ClaimEventRecord;
  complaints: ComplaintRecord;
  complaintMessages: ComplaintMessageRecord;
  payments: PaymentRecord;
  notifications: NotificationRecord;
}

/** Tables the server owns and the phone mirrors, in the order a pull answers them: the one list. */
export const SYNCED_TABLES = ['profile', 'memberships', 'balances', 'contributions', 'claims', 'claimEvents', 'complaints', 'complaintMessages', 'payments', 'notifications'] as const satisfies readonly (keyof SyncEntities)[];
export type SyncedTable = (typeof SYNCED_TABLES)[number];
