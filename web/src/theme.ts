// The app's look: system fonts, and colours dark enough for text to keep a 4.5:1 contrast on white (WCAG AA), which
// the browser tests check with axe-core on every screen.
import { createTheme, darken, type CSSVariablesResolver } from '@mantine/core';

// System fonts only: nothing is fetched at run time.
export const theme = createTheme({
  primaryColor: 'blue',
  // Filled buttons, outlines and links take shade 8: shade 6 under white text, or on white, falls short of 4.5:1.
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace',
  defaultRadius: 'sm',
});

/**
 * Secondary ("dimmed") text one shade darker than Mantine's, and the text of light badges and active links darker
 * than shade 9 (green 9 on green 1 is 3.8:1), for the same contrast.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': resolved.colors.gray[7],
    ...Object.fromEntries(
      Object.entries(resolved.colors).map(([name, shades]) => [
        `--mantine-color-${name}-light-color`,
        darken(shades[9], 0.35),
      ]),
    ),
  },
  dark: {},
});
