import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';

describe('reading the environment', () => {
  it('falls back to the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: './data',
      databaseFile: join('./data', 'tanfang.sqlite'),
      staticDir: 'dist',
      loadDemo: 'auto',
    });
  });

  it('puts the database in DATA_DIR unless DATABASE_FILE says otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/tf' }).databaseFile).toBe('/srv/tf/tanfang.sqlite');
    expect(loadConfig({ DATA_DIR: '/srv/tf', DATABASE_FILE: '/db/x.sqlite' }).databaseFile).toBe(
      '/db/x.sqlite',
    );
  });

  it('reads every setting, treating empty values as unset', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      STATIC_DIR: 'build',
      LOAD_DEMO: 'never',
      DATA_DIR: '',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      staticDir: 'build',
      loadDemo: 'never',
      dataDir: './data',
    });
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOAD_DEMO: 'yes' })).toThrow(/LOAD_DEMO/);
  });
});
