import { createRequire } from 'node:module';
import maxmind, { type Reader, type Response } from 'maxmind';

export interface Place {
  country: string | null;
  city: string | null;
}

type Record_ = Response & {
  country_code?: string;
  city?: string | { names?: { en?: string } };
  country?: { iso_code?: string };
};

/**
 * Offline IP geolocation. Countries come from the CC0 geo-whois-asn-country database
 * shipped in an npm package; cities only when `geoip.cityDatabase` names an MMDB file
 * (for example a DB-IP or GeoLite2 city database the admin downloaded).
 */
export class GeoIp {
  private constructor(
    private readonly countries: Reader<Record_>,
    private readonly cities: Reader<Record_> | undefined,
  ) {}

  static async open(cityDatabase?: string): Promise<GeoIp> {
    const require = createRequire(import.meta.url);
    const countryFile = require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');
    const countries = await maxmind.open<Record_>(countryFile, { watchForUpdates: false });
    const cities = cityDatabase ? await maxmind.open<Record_>(cityDatabase, { watchForUpdates: false }) : undefined;
    return new GeoIp(countries, cities);
  }

  locate(ip: string | null): Place {
    if (!ip) return { country: null, city: null };
    const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    try {
      const city = this.cities?.get(address);
      const country = this.countries.get(address);
      const cityName = typeof city?.city === 'string' ? city.city : city?.city?.names?.en;
      return {
        country: country?.country_code ?? city?.country_code ?? city?.country?.iso_code ?? null,
        city: cityName ?? null,
      };
    } catch {
      return { country: null, city: null };
    }
  }
}
