// Editing a customer in place. The server checks phones, e-mails and the registry code; its 400 answer names
// each bad field ("emails.1"), shown under that input.
import { Alert, Button, Checkbox, Group, Stack, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateCustomer } from '../../api/contract.ts';
import { updateCustomer } from '../../api/customers.ts';
import { CONSENTS } from '../../api/enums.ts';
import { keys } from '../../api/queries.ts';
import type { CustomerProfile } from '../../api/contract.ts';
import { errorMessage } from '../../components/states.tsx';
import { fieldErrors } from '../../lib/field-errors.ts';

/** "emails.1" and "phones.0" land on their list's input. */
function byInput(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const key = path.replace(/\.\d+$/, '').replace(/^consents\..*/, 'consents');
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export function CustomerEditForm({ customer: c, onDone }: { customer: CustomerProfile; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(c.name ?? '');
  const [companyName, setCompanyName] = useState(c.companyName ?? '');
  const [companyCode, setCompanyCode] = useState(c.companyCode ?? '');
  const [birthday, setBirthday] = useState(c.birthday ?? '');
  const [phones, setPhones] = useState(c.phones.map((p) => p.value));
  const [emails, setEmails] = useState(c.emails.map((e) => e.value));
  const [tags, setTags] = useState(c.tags);
  const [consents, setConsents] = useState<NonNullable<UpdateCustomer['consents']>>(c.consents);

  const save = useMutation({
    mutationFn: (patch: UpdateCustomer) => updateCustomer(c.id, patch),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.customers });
      void queryClient.invalidateQueries({ queryKey: keys.appeals });
      notifications.show({ color: 'green', message: t('customers.saved') });
      onDone();
    },
  });
  const errors = byInput(fieldErrors(save.error, t));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      name: orNull(name),
      companyName: orNull(companyName),
      companyCode: orNull(companyCode),
      birthday: orNull(birthday),
      phones,
      emails,
      tags,
      consents,
    });
  };

  return (
    <Stack component="form" gap="sm" onSubmit={submit} aria-label={t('customers.edit')} data-testid="customer-edit">
      <TextInput
        label={t('customer.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
      />
      <TagsInput
        label={t('customers.phones')}
        description={t('customers.listHint')}
        value={phones}
        onChange={setPhones}
        error={errors.phones}
      />
      <TagsInput
        label={t('customers.emails')}
        description={t('customers.listHint')}
        value={emails}
        onChange={setEmails}
        error={errors.emails}
      />
      <TextInput
        label={t('customers.company')}
        value={companyName}
        onChange={(e) => setCompanyName(e.currentTarget.value)}
        error={errors.companyName}
      />
      <TextInput
        label={t('customers.companyCode')}
        value={companyCode}
        onChange={(e) => setCompanyCode(e.currentTarget.value)}
        error={errors.companyCode}
        inputMode="numeric"
      />
      <TextInput
        label={t('customers.birthday')}
        type="date"
        value={birthday}
        onChange={(e) => setBirthday(e.currentTarget.value)}
        error={errors.birthday}
      />
      <Checkbox.Group
        label={t('customers.consents')}
        error={errors.consents}
        value={CONSENTS.filter((k) => consents[k])}
        onChange={(on) => setConsents(Object.fromEntries(CONSENTS.map((k) => [k, on.includes(k)])))}
      >
        <Group gap="sm" mt={4}>
          {CONSENTS.map((k) => (
            <Checkbox key={k} value={k} label={t(`consent.${k}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <TagsInput label={t('customers.tags')} value={tags} onChange={setTags} error={errors.tags} />
      {save.isError && Object.keys(errors).length === 0 && (
        <Alert color="red" role="alert">
          {errorMessage(save.error, t)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} disabled={save.isPending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
