/**
 * What the registration stepper keeps across reloads and a killed browser: typed fields and
 * the server's registration id, never the password.
 */
export interface RegisterState {
  step: 1 | 2 | 3;
  nik: string;
  kpj: string;
  fullName: string;
  birthDate: string;
  email: string;
  phone: string;
  registrationId?: string;
  emailMasked?: string;
  phoneMasked?: string;
  verified: { email: boolean; sms: boolean };
  resendAt?: number;
}

const KEY = 'jmo.draft.register';

export const emptyRegisterState = (): RegisterState => ({ step: 1, nik: '', kpj: '', fullName: '', birthDate: '', email: '', phone: '', verified: { email: false, sms: false } });

export function loadRegisterState(): RegisterState {
  try {
    const stored = localStorage.getItem(KEY);
    return stored ? { ...emptyRegisterState(), ...(JSON.parse(stored) as Partial<RegisterState>) } : emptyRegisterState();
  } catch {
    return emptyRegisterState();
  }
}

export function saveRegisterState(state: RegisterState | null): void {
  try {
    if (state) localStorage.setItem(KEY, JSON.stringify(state));
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode: the stepper still works for this visit.
  }
}
