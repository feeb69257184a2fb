/** Jest: TypeScript through SWC; unit tests run fast, integration tests start their own Azurite. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } } },
    ],
  },
  // Generous: tests wait on conditions, and a busy machine only makes them slower.
  testTimeout: 300_000,
  maxWorkers: 2,
};
