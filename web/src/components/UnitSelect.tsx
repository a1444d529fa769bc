// Picks a unit by typing part of its name (diacritics optional); before typing it offers
// the units the user is responsible for.

import { useQueries } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { UnitDetail, UnitKind } from '../api/types.ts';
import { unitKeys, useUnitChildren, useUnitSearch } from '../api/units.ts';
import { useT } from '../i18n/i18n.ts';
import { useDebounced } from '../lib/use-debounced.ts';

interface Common {
  testId?: string;
  placeholder?: string;
  /** Names of units already chosen, so a value shows its name before any search. */
  knownLabels?: Record<number, string>;
  excludeIds?: number[];
  /** Offer only units of these kinds (a cell merges only into a cell). */
  kinds?: readonly UnitKind[];
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  /** The box's name for screen readers when no form label names it. */
  ariaLabel?: string;
  /** Called with the chosen unit's name too (for confirmations). */
  onPick?: (id: number, name: string) => void;
}
type Props = Common &
  (
    | { multiple?: false; value?: number | null; onChange?: (value: number | null) => void }
    | { multiple: true; value?: number[]; onChange?: (value: number[]) => void }
  );

interface Option {
  value: number;
  label: string;
  path: string;
}

export function UnitSelect(props: Props) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed, 250);
  const search = useUnitSearch(q, null);
  const roots = useUnitChildren(null, null);
  const labels = useRef(new Map<number, string>());
  for (const [id, name] of Object.entries(props.knownLabels ?? {})) labels.current.set(Number(id), name);

  const ofKind = (u: { kind: UnitKind }) => !props.kinds || props.kinds.includes(u.kind);
  const found: Option[] = q.trim()
    ? (search.data?.items ?? []).filter(ofKind).map((u) => ({ value: u.id, label: u.name, path: u.path.join(' › ') }))
    : (roots.data?.items ?? []).filter(ofKind).map((u) => ({ value: u.id, label: u.name, path: '' }));
  for (const o of found) labels.current.set(o.value, o.label);
  const excluded = new Set(props.excludeIds ?? []);
  const options = found.filter((o) => !excluded.has(o.value));
  // The chosen values stay listed (with their names) even when the current search does not find them;
  // a value whose name we have not seen yet (from the address, a saved record) is looked up.
  const chosen = props.multiple ? (props.value ?? []) : props.value != null ? [props.value] : [];
  const unknown = chosen.filter((id) => !labels.current.has(id));
  const lookups = useQueries({
    queries: unknown.map((id) => ({ queryKey: unitKeys.detail(id, null), queryFn: () => api<UnitDetail>(`/units/${id}`), staleTime: 60_000, retry: false })),
  });
  for (const l of lookups) if (l.data) labels.current.set(l.data.unit.id, l.data.unit.name);
  for (const id of chosen) {
    if (!options.some((o) => o.value === id)) options.push({ value: id, label: labels.current.get(id) ?? `#${id}`, path: '' });
  }

  const common = {
    id: props.id,
    'aria-label': props.ariaLabel,
    showSearch: { filterOption: false, onSearch: setTyped, searchValue: typed },
    options,
    placeholder: props.placeholder ?? t('units.pickPlaceholder'),
    allowClear: props.allowClear ?? true,
    loading: search.isFetching || roots.isFetching,
    notFoundContent: q.trim() ? t('common.noResults') : t('units.typeToSearch'),
    optionRender: (option: { data: Option }) => (
      <div data-testid="unit-option">
        <div>{option.data.label}</div>
        {option.data.path && <Typography.Text type="secondary">{option.data.path}</Typography.Text>}
      </div>
    ),
    style: { width: '100%', ...props.style },
    'data-testid': props.testId,
    onBlur: () => setTyped(''),
  };
  if (props.multiple) {
    const onChange = props.onChange;
    return (
      <Select<number[], Option>
        mode="multiple"
        {...common}
        value={props.value}
        onChange={(v) => {
          setTyped('');
          onChange?.(v);
        }}
      />
    );
  }
  const onChange = props.onChange;
  return (
    <Select<number, Option>
      {...common}
      value={props.value ?? undefined}
      onChange={(v) => {
        setTyped('');
        onChange?.(v ?? null);
        if (v != null) props.onPick?.(v, labels.current.get(v) ?? '');
      }}
    />
  );
}
