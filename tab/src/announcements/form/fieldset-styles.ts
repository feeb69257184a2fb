import { makeStyles, tokens } from '@fluentui/react-components';

/** A group of the form's fields under a legend, without the browser's frame. */
export const useFieldsetStyles = makeStyles({
  fieldset: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: {
    padding: 0,
    fontWeight: tokens.fontWeightSemibold,
    marginBottom: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});
