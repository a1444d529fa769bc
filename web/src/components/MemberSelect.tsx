// Picks members of one unit by typing part of a name (diacritics optional).

import { Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useMemberList } from '../api/members.ts';
import { useT } from '../i18n/i18n.ts';
import { useDebounced } from '../lib/use-debounced.ts';

interface Common {
  unitId: number;
  testId?: string;
  placeholder?: string;
  id?: string;
  knownLabels?: Record<number, string>;
}
type Props = Common &
  (
    | { multiple?: false; value?: number | null; onChange?: (value: number | null, name: string | null) => void }
    | { multiple: true; value?: number[]; onChange?: (value: number[]) => void }
  );
interface Option {
  value: number;
  label: string;
  unitName: string;
}

export function MemberSelect(props: Props) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const list = useMemberList({ unitId: props.unitId, q: q || undefined, pageSize: 50 });
  const labels = useRef(new Map<number, string>());
  for (const [id, name] of Object.entries(props.knownLabels ?? {})) labels.current.set(Number(id), name);
  const options: Option[] = (list.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName, unitName: m.unitName }));
  for (const o of options) labels.current.set(o.value, o.label);
  const chosen = props.multiple ? (props.value ?? []) : props.value != null ? [props.value] : [];
  for (const id of chosen) if (!options.some((o) => o.value === id)) options.push({ value: id, label: labels.current.get(id) ?? `#${id}`, unitName: '' });

  const common = {
    id: props.id,
    showSearch: { filterOption: false, onSearch: setTyped, searchValue: typed },
    options,
    allowClear: true,
    loading: list.isFetching,
    placeholder: props.placeholder ?? t('members.pickPlaceholder'),
    notFoundContent: t('common.noResults'),
    optionRender: (option: { data: Option }) => (
      <div data-testid="member-option">
        {option.data.label} <Typography.Text type="secondary">{option.data.unitName}</Typography.Text>
      </div>
    ),
    style: { width: '100%' },
    'data-testid': props.testId,
    onBlur: () => setTyped(''),
  };
  if (props.multiple) {
    const onChange = props.onChange;
    return <Select<number[], Option> mode="multiple" {...common} value={props.value} onChange={(v) => onChange?.(v)} />;
  }
  const onChange = props.onChange;
  return (
    <Select<number, Option>
      {...common}
      value={props.value ?? undefined}
      onChange={(v) => onChange?.(v ?? null, v != null ? (labels.current.get(v) ?? null) : null)}
    />
  );
}
