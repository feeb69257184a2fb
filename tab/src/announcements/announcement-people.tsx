import {
  Button,
  Checkbox,
  Input,
  Label,
  Text,
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { CohortParticipant } from '../coordinator/coordinator-api';
import { plural } from '../coordinator/coordinator-api';
import { Loading, Problem } from '../shared/status-views';
import type { LoadState } from '../shared/use-api-load';

/** More than this many matches and people are asked to type more of the name. */
const SHOWN_AT_MOST = 60;

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  invalid: { ...shorthands.borderColor(tokens.colorPaletteRedBorder2) },
  chosen: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  chip: { maxWidth: '100%' },
  chipText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  search: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  options: {
    maxHeight: '260px',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  option: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
  tools: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

function describePerson(p: CohortParticipant): string {
  const role = p.role === 'mentor' ? 'Mentor' : 'Mentee';
  return [role, p.organisation].filter(Boolean).join(' · ');
}

interface PeoplePickerProps {
  load: LoadState<CohortParticipant[]>;
  onRetry?: () => void;
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  /** Given to the search box, so the form can put the cursor there when something is wrong. */
  searchId: string;
}

/** A searchable list of the cohort's participants to tick, with those chosen shown above. */
export function PeoplePicker({
  load,
  onRetry,
  selected,
  onChange,
  error,
  searchId,
}: PeoplePickerProps) {
  const styles = useStyles();
  const legendId = useId();
  const errorId = useId();
  const countId = useId();
  const [query, setQuery] = useState('');
  const people = useMemo(
    () =>
      load.status === 'loaded'
        ? [...load.data].sort((a, b) => a.displayName.localeCompare(b.displayName))
        : [],
    [load],
  );
  const chosen = new Set(selected);
  const byId = new Map(people.map((p) => [p.id, p]));
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = people.filter((p) => {
    const haystack = [p.displayName, p.email, p.organisation ?? '', p.jobTitle ?? '']
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  const shown = matches.slice(0, SHOWN_AT_MOST);

  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected.filter((s) => s !== id), id] : selected.filter((s) => s !== id));
  const addShown = () => onChange([...new Set([...selected, ...shown.map((p) => p.id)])]);

  if (load.status === 'loading') return <Loading label="Loading the participants…" />;
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the participants to choose from"
        message={load.error.message}
        onRetry={onRetry}
      />
    );
  }

  return (
    <div
      role="group"
      aria-labelledby={legendId}
      aria-describedby={error ? errorId : undefined}
      className={mergeClasses(styles.group, error && styles.invalid)}
      data-testid="announcement-people"
    >
      <Text weight="semibold" id={legendId}>
        Choose people
      </Text>
      <Text
        size={200}
        className={styles.muted}
        id={countId}
        data-testid="announcement-people-count"
      >
        {selected.length === 0
          ? 'Nobody chosen yet.'
          : `${plural(selected.length, 'person', 'people')} chosen.`}
      </Text>
      {selected.length > 0 && (
        <ul className={styles.chosen} aria-label="Chosen people">
          {selected.map((id) => {
            const name = byId.get(id)?.displayName ?? 'Someone no longer on the roster';
            return (
              <li key={id} className={styles.chip}>
                <Button
                  size="small"
                  shape="circular"
                  onClick={() => toggle(id, false)}
                  aria-label={`Remove ${name}`}
                  data-testid="announcement-person-remove"
                >
                  <span className={styles.chipText}>{name}</span>
                  <span aria-hidden="true">&nbsp;✕</span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div className={styles.search}>
        <Label htmlFor={searchId}>Find people</Label>
        <Input
          id={searchId}
          type="search"
          value={query}
          onChange={(_, d) => setQuery(d.value)}
          placeholder="Name, email or organisation"
          aria-describedby={[countId, error ? errorId : ''].filter(Boolean).join(' ')}
          data-testid="announcement-people-search"
        />
      </div>
      {error && (
        <Text id={errorId} className={styles.error} data-testid="announcement-people-error">
          {error}
        </Text>
      )}
      {shown.length === 0 ? (
        <Text className={styles.muted}>
          {people.length === 0
            ? 'Nobody is on this cohort’s roster yet. Import participants first.'
            : `Nobody matches “${query.trim()}”.`}
        </Text>
      ) : (
        <div
          className={styles.options}
          role="group"
          aria-label={
            words.length > 0 ? `People matching “${query.trim()}”` : 'Everyone on the roster'
          }
          data-testid="announcement-people-options"
        >
          {shown.map((p) => (
            <Checkbox
              key={p.id}
              className={styles.option}
              checked={chosen.has(p.id)}
              onChange={(_, d) => toggle(p.id, d.checked === true)}
              label={
                <>
                  {p.displayName} · {describePerson(p)}
                </>
              }
              data-testid={`announcement-person-${p.id}`}
            />
          ))}
        </div>
      )}
      <div className={styles.tools}>
        {matches.length > shown.length && (
          <Text size={200} className={styles.muted}>
            Showing {shown.length} of {matches.length}. Type more of a name to find someone.
          </Text>
        )}
        {words.length > 0 && shown.some((p) => !chosen.has(p.id)) && (
          <Button size="small" onClick={addShown} data-testid="announcement-people-add-shown">
            Choose all {shown.length} shown
          </Button>
        )}
        {selected.length > 0 && (
          <Button
            size="small"
            appearance="subtle"
            onClick={() => onChange([])}
            data-testid="announcement-people-clear"
          >
            Clear the choice
          </Button>
        )}
      </div>
    </div>
  );
}
