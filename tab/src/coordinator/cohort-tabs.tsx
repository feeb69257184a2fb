import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import type { KeyboardEvent } from 'react';

/**
 * Tabs in the WAI-ARIA pattern (one tab stop, arrow keys move and select), drawn like Fluent's
 * TabList. Fluent's own TabList adds focusable aria-hidden helpers that accessibility checkers
 * report (microsoft/fluentui#27517), so the coordinator's view uses these.
 */

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tab: {
    position: 'relative',
    minHeight: '40px',
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalMNudge,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightRegular,
    cursor: 'pointer',
    // As in Fluent's TabList: hovering shows a quiet line, never a fill under the text.
    ':hover': {
      color: tokens.colorNeutralForeground2Hover,
      '::after': { backgroundColor: tokens.colorNeutralStroke1Hover },
    },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
    // The selection line, in Windows high-contrast colours too.
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalMNudge,
      right: tokens.spacingHorizontalMNudge,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: 'transparent',
    },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    ':hover': {
      color: tokens.colorNeutralForeground1,
      '::after': { backgroundColor: tokens.colorCompoundBrandStrokeHover },
    },
    '::after': {
      backgroundColor: tokens.colorCompoundBrandStroke,
      '@media (forced-colors: active)': { backgroundColor: 'Highlight' },
    },
  },
});

export interface TabItem<T extends string> {
  value: T;
  label: string;
}

interface TabsProps<T extends string> {
  label: string;
  items: readonly TabItem<T>[];
  selected: T;
  onSelect: (value: T) => void;
  tabId: (value: T) => string;
  panelId: (value: T) => string;
  /** Each tab is `${testId}-${value}`; the list is `${testId}s`. */
  testId: string;
}

export function Tabs<T extends string>({
  label,
  items,
  selected,
  onSelect,
  tabId,
  panelId,
  testId,
}: TabsProps<T>) {
  const styles = useStyles();
  const refs = useRef(new Map<T, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = items.findIndex((i) => i.value === selected);
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = (at + 1) % items.length;
    if (event.key === 'ArrowLeft') next = (at - 1 + items.length) % items.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = items.length - 1;
    const item = next === undefined ? undefined : items[next];
    if (!item) return;
    event.preventDefault();
    onSelect(item.value);
    refs.current.get(item.value)?.focus();
  }

  return (
    <div
      role="tablist"
      aria-label={label}
      className={styles.list}
      onKeyDown={onKeyDown}
      data-testid={`${testId}s`}
    >
      {items.map((item) => {
        const isSelected = item.value === selected;
        return (
          <button
            key={item.value}
            ref={(el) => {
              if (el) refs.current.set(item.value, el);
              else refs.current.delete(item.value);
            }}
            type="button"
            role="tab"
            id={tabId(item.value)}
            aria-selected={isSelected}
            aria-controls={panelId(item.value)}
            tabIndex={isSelected ? 0 : -1}
            className={mergeClasses(styles.tab, isSelected && styles.selected)}
            onClick={() => onSelect(item.value)}
            data-testid={`${testId}-${item.value}`}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}
