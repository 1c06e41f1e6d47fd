// Editing a customer in place. The server checks phones, e-mails and the registry code; its 400 answer names
// each bad field ("emails.1"), shown under that input.
import { Alert, Checkbox, Group, Stack, TagsInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile, UpdateCustomer } from '../../api/contract.ts';
import { updateCustomer } from '../../api/customers.ts';
import { CONSENTS } from '../../api/enums.ts';
import { keys } from '../../api/queries.ts';
import { errorMessage } from '../../components/states.tsx';
import { fieldErrors, gatherByKey } from '../../lib/field-errors.ts';
import { textInputs } from '../../lib/form-draft.ts';
import { FormButtons } from '../admin/form.tsx';

type Consents = NonNullable<UpdateCustomer['consents']>;

/** "emails.1" and "phones.0" land on their list's input, every consent on the consents. */
const byInput = (errors: Record<string, string>) =>
  gatherByKey(Object.entries(errors), (path) => path.replace(/\.\d+$/, '').replace(/^consents\..*/, 'consents'));

const orNull = (text: string) => (text.trim() ? text.trim() : null);

function ConsentChecks({
  consents,
  onChange,
  error,
}: {
  consents: Consents;
  onChange: (consents: Consents) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={t('customers.consents')}
      error={error}
      value={CONSENTS.filter((consent) => consents[consent])}
      onChange={(given) => onChange(Object.fromEntries(CONSENTS.map((consent) => [consent, given.includes(consent)])))}
    >
      <Group gap="sm" mt={4}>
        {CONSENTS.map((consent) => (
          <Checkbox key={consent} value={consent} label={t(`consent.${consent}`)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

function useSaveCustomer(customerId: string, onDone: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateCustomer) => updateCustomer(customerId, patch),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.customers });
      void queryClient.invalidateQueries({ queryKey: keys.appeals });
      notifications.show({ color: 'green', message: t('customers.saved') });
      onDone();
    },
  });
}

export function CustomerEditForm({ customer, onDone }: { customer: CustomerProfile; onDone: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => ({
    name: customer.name ?? '',
    companyName: customer.companyName ?? '',
    companyCode: customer.companyCode ?? '',
    birthday: customer.birthday ?? '',
    phones: customer.phones.map((phone) => phone.value),
    emails: customer.emails.map((email) => email.value),
    tags: customer.tags,
    consents: customer.consents as Consents,
  }));
  const change = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const save = useSaveCustomer(customer.id, onDone);
  const errors = byInput(fieldErrors(save.error, t));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      ...draft,
      name: orNull(draft.name),
      companyName: orNull(draft.companyName),
      companyCode: orNull(draft.companyCode),
      birthday: orNull(draft.birthday),
    });
  };
  const text = textInputs(draft, change, errors);

  return (
    <Stack component="form" gap="sm" onSubmit={submit} aria-label={t('customers.edit')} data-testid="customer-edit">
      <TextInput label={t('customer.name')} {...text('name')} />
      <TagsInput
        label={t('customers.phones')}
        description={t('customers.listHint')}
        value={draft.phones}
        onChange={(phones) => change({ phones })}
        error={errors.phones}
      />
      <TagsInput
        label={t('customers.emails')}
        description={t('customers.listHint')}
        value={draft.emails}
        onChange={(emails) => change({ emails })}
        error={errors.emails}
      />
      <TextInput label={t('customers.company')} {...text('companyName')} />
      <TextInput label={t('customers.companyCode')} {...text('companyCode')} inputMode="numeric" />
      <TextInput label={t('customers.birthday')} type="date" {...text('birthday')} />
      <ConsentChecks consents={draft.consents} onChange={(consents) => change({ consents })} error={errors.consents} />
      <TagsInput
        label={t('customers.tags')}
        value={draft.tags}
        onChange={(tags) => change({ tags })}
        error={errors.tags}
      />
      {save.isError && Object.keys(errors).length === 0 && (
        <Alert color="red" role="alert">
          {errorMessage(save.error, t)}
        </Alert>
      )}
      <FormButtons onCancel={onDone} saving={save.isPending} cancelWhileSaving={false} />
    </Stack>
  );
}
