import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { AppShell } from './shell/AppShell.tsx';
import { NotFoundScreen } from './shell/NotFoundScreen.tsx';
import { ScreenErrorBoundary } from './shell/ScreenErrorBoundary.tsx';
import { HomeScreen } from './features/home/HomeScreen.tsx';

// Home is in the first chunk because it is what a participant opens the app for; every
// other screen loads on first visit and is precached by the service worker for offline use.
const ServicesScreen = lazy(() => import('./features/services/ServicesScreen.tsx').then((m) => m.ServicesScreen));
const SignInScreen = lazy(() => import('./features/auth/SignInScreen.tsx').then((m) => m.SignInScreen));
const ClaimsScreen = lazy(() => import('./features/claims/ClaimsScreen.tsx').then((m) => m.ClaimsScreen));
const NewClaimScreen = lazy(() => import('./features/claims/NewClaimScreen.tsx').then((m) => m.NewClaimScreen));
const ClaimDraftScreen = lazy(() => import('./features/claims/ClaimDraftScreen.tsx').then((m) => m.ClaimDraftScreen));
const ClaimTrackingScreen = lazy(() => import('./features/claims/ClaimTrackingScreen.tsx').then((m) => m.ClaimTrackingScreen));
const OfficesScreen = lazy(() => import('./features/offices/OfficesScreen.tsx').then((m) => m.OfficesScreen));
const ComplaintsScreen = lazy(() => import('./features/complaints/ComplaintsScreen.tsx').then((m) => m.ComplaintsScreen));
const ComplaintFormScreen = lazy(() => import('./features/complaints/ComplaintFormScreen.tsx').then((m) => m.ComplaintFormScreen));
const ComplaintThreadScreen = lazy(() => import('./features/complaints/ComplaintThreadScreen.tsx').then((m) => m.ComplaintThreadScreen));
const NotificationsScreen = lazy(() => import('./features/notifications/NotificationsScreen.tsx').then((m) => m.NotificationsScreen));
const PaymentScreen = lazy(() => import('./features/payments/PaymentScreen.tsx').then((m) => m.PaymentScreen));
const RegisterScreen = lazy(() => import('./features/auth/RegisterScreen.tsx').then((m) => m.RegisterScreen));
const ForgotPasswordScreen = lazy(() => import('./features/auth/ForgotPasswordScreen.tsx').then((m) => m.ForgotPasswordScreen));
const AccountScreen = lazy(() => import('./features/account/AccountScreen.tsx').then((m) => m.AccountScreen));
const BalanceScreen = lazy(() => import('./features/balance/BalanceScreen.tsx').then((m) => m.BalanceScreen));
const DigitalCardScreen = lazy(() => import('./features/card/DigitalCardScreen.tsx').then((m) => m.DigitalCardScreen));
const SimulationScreen = lazy(() => import('./features/simulation/SimulationScreen.tsx').then((m) => m.SimulationScreen));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen.tsx').then((m) => m.SettingsScreen));

export function App() {
  return (
    <LocationProvider>
      <AppShell>
        <ScreenErrorBoundary>
          <ErrorBoundary>
            <Router>
              <Route path="/" component={HomeScreen} />
              <Route path="/layanan" component={ServicesScreen} />
              <Route path="/pengaturan" component={SettingsScreen} />
              <Route path="/masuk" component={SignInScreen} />
              <Route path="/daftar" component={RegisterScreen} />
              <Route path="/lupa-kata-sandi" component={ForgotPasswordScreen} />
              <Route path="/akun" component={AccountScreen} />
              <Route path="/saldo/:key" component={BalanceScreen} />
              <Route path="/kartu" component={DigitalCardScreen} />
              <Route path="/kartu/:key" component={DigitalCardScreen} />
              <Route path="/simulasi" component={SimulationScreen} />
              <Route path="/kantor" component={OfficesScreen} />
              <Route path="/pengaduan" component={ComplaintsScreen} />
              <Route path="/pengaduan/baru" component={ComplaintFormScreen} />
              <Route path="/pengaduan/:key" component={ComplaintThreadScreen} />
              <Route path="/notifikasi" component={NotificationsScreen} />
              <Route path="/bayar" component={PaymentScreen} />
              <Route path="/klaim" component={ClaimsScreen} />
              <Route path="/klaim/baru" component={NewClaimScreen} />
              <Route path="/klaim/draf/:id" component={ClaimDraftScreen} />
              <Route path="/klaim/lacak/:key" component={ClaimTrackingScreen} />
              <Route default component={NotFoundScreen} />
            </Router>
          </ErrorBoundary>
        </ScreenErrorBoundary>
      </AppShell>
    </LocationProvider>
  );
}
