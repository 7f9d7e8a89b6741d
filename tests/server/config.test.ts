import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';

describe('reading the environment', () => {
  it('falls back to the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: './data',
      database: { kind: 'sqlite', file: join('./data', 'tanfang.sqlite') },
      staticDir: 'dist',
    });
  });

  it('puts the database in DATA_DIR unless DATABASE_FILE says otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/tf' }).database).toEqual({
      kind: 'sqlite',
      file: '/srv/tf/tanfang.sqlite',
    });
    expect(loadConfig({ DATA_DIR: '/srv/tf', DATABASE_FILE: '/db/x.sqlite' }).database).toEqual({
      kind: 'sqlite',
      file: '/db/x.sqlite',
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set, and refuses it beside DATABASE_FILE or when it is no postgres URL', () => {
    const url = 'postgres://tanfang:secret@db.internal:5432/tanfang';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
    expect(() => loadConfig({ DATABASE_URL: url, DATABASE_FILE: '/db/x.sqlite' })).toThrow(/not both/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/tanfang' })).toThrow(/DATABASE_URL/);
  });

  it('reads every setting, treating empty values as unset', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      STATIC_DIR: 'build',
      DATA_DIR: '',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      staticDir: 'build',
      dataDir: './data',
    });
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
