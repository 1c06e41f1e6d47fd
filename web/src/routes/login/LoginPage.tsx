// Log in with e-mail and password; errors (wrong password, too many tries, no server) are shown on the form.
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { Me } from '../../api/contract.ts';
import { LanguageSwitchLocal } from './LanguageSwitchLocal.tsx';

const route = getRouteApi('/login');

/** Why the login failed, in the user's words: a wrong password, too many tries, no server, or what the server said. */
function loginError(error: unknown, translate: TFunction): string {
  if (!(error instanceof ApiError)) {
    return String(error);
  }
  if (error.status === 401) {
    return translate('login.wrong');
  }
  if (error.status === 429 && error.retryAfterSeconds) {
    // The login limit: this e-mail at this computer, or this computer for every e-mail.
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    const scope = error.fields.some((field) => field.code === 'account_locked') ? 'account' : 'address';
    return translate(`loginLimit.${scope}`, { minutes });
  }
  if (error.status === 429) {
    return translate('login.tooMany');
  }
  return error.code === 'network' ? translate('errors.network') : error.message;
}

/** Only a path of this app, never another site (nor the login page itself). */
const isOwnPath = (path: string | undefined): path is string =>
  !!path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/login');

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { next } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/auth/login', { email: email.trim(), password });
      queryClient.setQueryData(keys.me, me);
      await i18n.changeLanguage(me.locale);
      await navigate({ href: isOwnPath(next) ? next : '/' });
    } catch (failure) {
      setError(loginError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper
        withBorder
        shadow="sm"
        p="xl"
        radius="md"
        w={380}
        component="form"
        onSubmit={submit}
        aria-labelledby="login-title"
      >
        <Stack>
          <Title order={1} size="h3" id="login-title">
            {t('login.title')}
          </Title>
          {error && (
            <Alert color="red" role="alert" data-testid="login-error">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            autoFocus
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            {t('login.submit')}
          </Button>
          <LanguageSwitchLocal />
        </Stack>
      </Paper>
    </Center>
  );
}
