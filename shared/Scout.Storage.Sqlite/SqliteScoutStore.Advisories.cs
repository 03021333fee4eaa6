using Scout.Core.Model;
using static Scout.Storage.Sqlite.SqliteCommandExtensions;

namespace Scout.Storage.Sqlite;

public sealed partial class SqliteScoutStore
{
    public Task<IReadOnlyCollection<PackageKey>> UpsertAdvisoriesAsync(IReadOnlyList<StoredAdvisory> advisories, CancellationToken ct = default)
    {
        var replaced = new HashSet<PackageKey>();
        db.Write((c, tx) =>
        {
            replaced.Clear(); // the write may be retried (busy database)
            using var upsert = c.Command("""
                INSERT INTO advisories_by_source(source, id, modified, withdrawn, body) VALUES ($s,$i,$m,$w,$b)
                ON CONFLICT(source, id) DO UPDATE SET modified=excluded.modified, withdrawn=excluded.withdrawn, body=excluded.body
                WHERE excluded.modified >= advisories_by_source.modified
                """, tx, ("$i", ""), ("$m", ""), ("$w", null), ("$s", ""), ("$b", ""));
            using var oldKeys = c.Command("SELECT ecosystem, name FROM advisory_source_keys WHERE source=$s AND advisory_id=$i", tx, ("$s", ""), ("$i", ""));
            using var clearKeys = c.Command("DELETE FROM advisory_source_keys WHERE source=$s AND advisory_id=$i", tx, ("$s", ""), ("$i", ""));
            using var addKey = c.Command("INSERT OR IGNORE INTO advisory_source_keys(ecosystem, name, source, advisory_id) VALUES ($e,$n,$s,$i)", tx,
                ("$e", ""), ("$n", ""), ("$s", ""), ("$i", ""));
            foreach (var a in advisories)
            {
                upsert.Parameters["$i"].Value = a.Id;
                upsert.Parameters["$m"].Value = Iso(a.Modified);
                upsert.Parameters["$w"].Value = a.Withdrawn is { } w ? Iso(w) : DBNull.Value;
                upsert.Parameters["$s"].Value = a.SourceKey;
                upsert.Parameters["$b"].Value = a.Json;
                if (upsert.ExecuteNonQuery() == 0) continue; // an older record never replaces a newer one
                oldKeys.Parameters["$s"].Value = a.SourceKey;
                oldKeys.Parameters["$i"].Value = a.Id;
                using (var reader = oldKeys.ExecuteReader())
                    while (reader.Read()) replaced.Add(new PackageKey(reader.GetString(0), reader.GetString(1)));
                clearKeys.Parameters["$s"].Value = a.SourceKey;
                clearKeys.Parameters["$i"].Value = a.Id;
                clearKeys.ExecuteNonQuery();
                addKey.Parameters["$s"].Value = a.SourceKey;
                addKey.Parameters["$i"].Value = a.Id;
                foreach (var k in a.Keys)
                {
                    addKey.Parameters["$e"].Value = k.Ecosystem;
                    addKey.Parameters["$n"].Value = k.Name;
                    addKey.ExecuteNonQuery();
                }
            }
        });
        return Task.FromResult<IReadOnlyCollection<PackageKey>>(replaced);
    }

    public Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesByIdAsync(string id, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StoredAdvisory>>(db.Read(c => ReadAdvisories(c,
            "SELECT source, id, modified, withdrawn, body FROM advisories_by_source WHERE id=$i ORDER BY source", ("$i", id))));

    public Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesForPackageAsync(PackageKey key, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StoredAdvisory>>(db.Read(c => ReadAdvisories(c, """
            SELECT a.source, a.id, a.modified, a.withdrawn, a.body FROM advisory_source_keys k
            JOIN advisories_by_source a ON a.source = k.source AND a.id = k.advisory_id
            WHERE k.ecosystem=$e AND k.name=$n ORDER BY a.id, a.source
            """, ("$e", key.Ecosystem), ("$n", key.Name))));

    public async IAsyncEnumerable<StoredAdvisory> ReadAllAdvisoriesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        // Paged by (source, id) so a 500,000-record database is never held as one list.
        var (afterSource, afterId) = ("", "");
        while (true)
        {
            var page = db.Read(c => ReadAdvisories(c, """
                SELECT source, id, modified, withdrawn, body FROM advisories_by_source
                WHERE source > $s OR (source = $s AND id > $a) ORDER BY source, id LIMIT 2000
                """, ("$s", afterSource), ("$a", afterId)));
            if (page.Count == 0) yield break;
            foreach (var a in page)
            {
                ct.ThrowIfCancellationRequested();
                yield return a;
            }
            (afterSource, afterId) = (page[^1].SourceKey, page[^1].Id);
            await Task.Yield();
        }
    }

    private static List<StoredAdvisory> ReadAdvisories(Microsoft.Data.Sqlite.SqliteConnection c, string sql, params (string, object?)[] parameters)
    {
        var rows = c.Query(sql, r => new StoredAdvisory
        {
            Source = r.GetString(0) is { Length: > 0 } s ? s : null, Id = r.GetString(1), Modified = ParseIso(r.GetString(2)),
            Withdrawn = r.IsDBNull(3) ? null : ParseIso(r.GetString(3)), Json = r.GetString(4),
        }, parameters);
        if (rows.Count == 0) return rows;
        var keys = c.Query($"SELECT source, advisory_id, ecosystem, name FROM advisory_source_keys WHERE advisory_id IN ({string.Join(",", rows.Select((_, i) => "$k" + i))})",
            r => (Source: r.GetString(0), Id: r.GetString(1), Key: new PackageKey(r.GetString(2), r.GetString(3))),
            rows.Select((a, i) => ("$k" + i, (object?)a.Id)).ToArray()).ToLookup(x => (x.Source, x.Id), x => x.Key);
        return rows.Select(a => a with { Keys = keys[(a.SourceKey, a.Id)].OrderBy(k => k.Ecosystem).ThenBy(k => k.Name).ToList() }).ToList();
    }

    public Task<string?> GetCursorAsync(string feedKey, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => c.Query("SELECT cursor FROM cursors WHERE feed_key=$f", r => r.GetString(0), ("$f", feedKey)).FirstOrDefault()));

    public Task SetCursorAsync(string feedKey, string cursor, CancellationToken ct = default)
    {
        db.Write((c, tx) => c.Exec("INSERT INTO cursors(feed_key, cursor) VALUES ($f,$c) ON CONFLICT(feed_key) DO UPDATE SET cursor=excluded.cursor", tx,
            ("$f", feedKey), ("$c", cursor)));
        return Task.CompletedTask;
    }
}
