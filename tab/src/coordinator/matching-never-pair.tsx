import { Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { matchingSettingsSchema } from '../../../bot/src/contracts/matching';
import { Subheading } from '../shared/section-card';
import { check } from './participant-fields';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  entry: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  add: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Entry = [string, string];

/**
 * The coordinator's "never pair these two" list, part of the matching settings (saved with
 * them): each entry with a way to take it off, and two choices to add one, checked with the
 * contract's schema beside the second choice.
 */
export function NeverPairList({
  entries,
  people,
  error,
  onChange,
}: {
  entries: Entry[];
  /** Everyone in the latest run, to choose from. */
  people: { id: string; name: string }[];
  /** The settings' problem with the list as a whole, if any. */
  error: string | undefined;
  onChange: (entries: Entry[]) => void;
}) {
  const styles = useStyles();
  const [pickA, setPickA] = useState('');
  const [pickB, setPickB] = useState('');
  const [pickError, setPickError] = useState<string | undefined>();
  const names = new Map(people.map((p) => [p.id, p.name]));
  const nameOf = (id: string) => names.get(id) ?? id;

  function add() {
    const entry: Entry = [pickA, pickB];
    const checked = check(matchingSettingsSchema.shape.neverPair.element, entry);
    if (!checked.input) {
      setPickError(Object.values(checked.errors)[0]);
      return;
    }
    const key = (p: Entry) => [...p].sort().join('|');
    if (entries.some((p) => key(p) === key(entry))) {
      setPickError('These two are already on the list.');
      return;
    }
    setPickError(undefined);
    onChange([...entries, entry]);
    setPickA('');
    setPickB('');
  }

  const choices = (
    <>
      <option value="">Choose…</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </>
  );
  return (
    <>
      <Subheading>Never pair these two</Subheading>
      {entries.length === 0 ? (
        <Text className={styles.muted}>No one is on this list.</Text>
      ) : (
        <ul className={styles.list} data-testid="matching-never-list">
          {entries.map(([a, b], i) => (
            <li key={`${a}|${b}`} className={styles.entry}>
              <Text>
                {nameOf(a)} and {nameOf(b)}
              </Text>
              <Button
                size="small"
                aria-label={`Take off the list: ${nameOf(a)} and ${nameOf(b)}`}
                onClick={() => onChange(entries.filter((_p, j) => j !== i))}
              >
                Take off the list
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <Text role="alert" data-testid="matching-never-error">
          {error}
        </Text>
      )}
      {people.length === 0 ? (
        <Text className={styles.muted}>Run matching once to choose people from the pool.</Text>
      ) : (
        <div className={styles.add}>
          <Field label="First person">
            <Select
              value={pickA}
              onChange={(_e, d) => setPickA(d.value)}
              data-testid="matching-never-a"
            >
              {choices}
            </Select>
          </Field>
          <Field
            label="Second person"
            validationMessage={pickError}
            validationState={pickError ? 'error' : 'none'}
          >
            <Select
              value={pickB}
              onChange={(_e, d) => setPickB(d.value)}
              data-testid="matching-never-b"
            >
              {choices}
            </Select>
          </Field>
          <Button onClick={add} data-testid="matching-never-add">
            Add to the list
          </Button>
        </div>
      )}
    </>
  );
}
