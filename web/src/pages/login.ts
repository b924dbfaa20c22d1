// Masuk: username and password, and the authenticator code once the server asks for it
// (TOTP_REQUIRED). Wrong password and lockout are said plainly; a lockout shows the server's own
// message (it says until when).
import { ApiError, login } from '../api';
import { currentLang, t } from '../i18n';
import { el } from '../ui';

// notice: why the login page is shown ('' on a first visit).
export function loginPage(root: HTMLElement, notice: string, done: () => void): void {
  const old = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? '';
  const user = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: '', value: old('username') });
  const pass = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  const totp = el('input', { id: 'totp', name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6' });
  const totpRow = el('label', { id: 'totp-row', hidden: '' }, el('span', {}, t('totp')), totp);
  const message = el('p', { id: 'login-error', class: 'error', role: 'alert' });
  const button = el('button', { type: 'submit', id: 'login' }, t('sign_in'));
  const form = el('form', { id: 'login-form', class: 'login' },
    el('h2', {}, t('login_title')),
    notice ? el('p', { id: 'login-notice', class: 'muted' }, notice) : '',
    el('label', {}, el('span', {}, t('username')), user),
    el('label', {}, el('span', {}, t('password')), pass),
    totpRow, message, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.textContent = '';
    button.disabled = true;
    try {
      await login(user.value.trim(), pass.value, totpRow.hidden ? undefined : totp.value.trim());
      done();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      if (code === 'TOTP_REQUIRED' || code === 'TOTP_INVALID') {
        totpRow.hidden = false;
        message.textContent = code === 'TOTP_INVALID' ? t('totp_wrong') : t('totp_required');
        totp.value = '';
        totp.focus();
      } else if (code === 'ACCOUNT_LOCKED' || code === 'ACCOUNT_DISABLED') {
        // The server's own sentence (it says until when), in the page's language where it has one.
        const err = e as ApiError;
        message.textContent = (currentLang() === 'id' && err.detailId) || err.detail || t('account_locked');
      } else if (code === 'BAD_CREDENTIALS') {
        message.textContent = t('bad_credentials');
        pass.value = '';
        pass.focus();
      } else {
        message.textContent = `${t('login_failed')}: ${e instanceof Error ? e.message : String(e)}`;
      }
    } finally {
      button.disabled = false;
    }
  });
  root.replaceChildren(form);
  (user.value ? pass : user).focus();
}
