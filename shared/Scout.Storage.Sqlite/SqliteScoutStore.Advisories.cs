using Scout.Core.Model;
using static Scout.Storage.Sqlite.SqliteCommandExtensions;

namespace Scout.Storage.Sqlite;

public sealed partial class SqliteScoutStore
{
    public Task UpsertAdvisoriesAsync(IReadOnlyList<StoredAdvisory> advisories, CancellationToken ct = default)
    {
        db.Write((c, tx) =>
        {
            using var upsert = c.Command("""
                INSERT INTO advisories(id, modified, withdrawn, source, body) VALUES ($i,$m,$w,$s,$b)
                ON CONFLICT(id) DO UPDATE SET modified=excluded.modified, withdrawn=excluded.withdrawn, source=excluded.source, body=excluded.body
                WHERE excluded.modified >= advisories.modified
                """, tx, ("$i", ""), ("$m", ""), ("$w", null), ("$s", null), ("$b", ""));
            using var clearKeys = c.Command("DELETE FROM advisory_keys WHERE advisory_id=$i", tx, ("$i", ""));
            using var addKey = c.Command("INSERT OR IGNORE INTO advisory_keys(ecosystem, name, advisory_id) VALUES ($e,$n,$i)", tx, ("$e", ""), ("$n", ""), ("$i", ""));
            foreach (var a in advisories)
            {
                upsert.Parameters["$i"].Value = a.Id;
                upsert.Parameters["$m"].Value = Iso(a.Modified);
                upsert.Parameters["$w"].Value = a.Withdrawn is { } w ? Iso(w) : DBNull.Value;
                upsert.Parameters["$s"].Value = (object?)a.Source ?? DBNull.Value;
                upsert.Parameters["$b"].Value = a.Json;
                if (upsert.ExecuteNonQuery() == 0) continue; // an older record never replaces a newer one
                clearKeys.Parameters["$i"].Value = a.Id;
                clearKeys.ExecuteNonQuery();
                addKey.Parameters["$i"].Value = a.Id;
                foreach (var k in a.Keys)
                {
                    addKey.Parameters["$e"].Value = k.Ecosystem;
                    addKey.Parameters["$n"].Value = k.Name;
                    addKey.ExecuteNonQuery();
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task<StoredAdvisory?> GetAdvisoryAsync(string id, CancellationToken ct = default) =>
        Task.FromResult(db.Read(c => ReadAdvisories(c, "SELECT id, modified, withdrawn, source, body FROM advisories WHERE id=$i", ("$i", id)).FirstOrDefault()));

    public Task<IReadOnlyList<StoredAdvisory>> GetAdvisoriesForPackageAsync(PackageKey key, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StoredAdvisory>>(db.Read(c => ReadAdvisories(c, """
            SELECT a.id, a.modified, a.withdrawn, a.source, a.body FROM advisory_keys k JOIN advisories a ON a.id = k.advisory_id
            WHERE k.ecosystem=$e AND k.name=$n ORDER BY a.id
            """, ("$e", key.Ecosystem), ("$n", key.Name))));

    public async IAsyncEnumerable<StoredAdvisory> ReadAllAdvisoriesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        // Paged by id so a 500,000-record database is never held as one list.
        var after = "";
        while (true)
        {
            var page = db.Read(c => ReadAdvisories(c, "SELECT id, modified, withdrawn, source, body FROM advisories WHERE id > $a ORDER BY id LIMIT 2000", ("$a", after)));
            if (page.Count == 0) yield break;
            foreach (var a in page)
            {
                ct.ThrowIfCancellationRequested();
                yield return a;
            }
            after = page[^1].Id;
            await Task.Yield();
        }
    }

    private static List<StoredAdvisory> ReadAdvisories(Microsoft.Data.Sqlite.SqliteConnection c, string sql, params (string, object?)[] parameters)
    {
        var rows = c.Query(sql, r => new StoredAdvisory
        {
            Id = r.GetString(0), Modified = ParseIso(r.GetString(1)),
            Withdrawn = r.IsDBNull(2) ? null : ParseIso(r.GetString(2)), Source = r.NullableString(3), Json = r.GetString(4),
        }, parameters);
        if (rows.Count == 0) return rows;
        var keys = c.Query($"SELECT advisory_id, ecosystem, name FROM advisory_keys WHERE advisory_id IN ({string.Join(",", rows.Select((_, i) => "$k" + i))})",
            r => (Id: r.GetString(0), Key: new PackageKey(r.GetString(1), r.GetString(2))),
            rows.Select((a, i) => ("$k" + i, (object?)a.Id)).ToArray()).ToLookup(x => x.Id, x => x.Key);
        return rows.Select(a => a with { Keys = keys[a.Id].OrderBy(k => k.Ecosystem).ThenBy(k => k.Name).ToList() }).ToList();
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
