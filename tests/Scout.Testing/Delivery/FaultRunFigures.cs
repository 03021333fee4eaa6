namespace Scout.Testing.Delivery;

/// <summary>What a fault-injection run measured (printed by the tests; the closing note quotes them).</summary>
public sealed record FaultRunFigures
{
    public required string Backend { get; init; }
    public int Uploads { get; init; }
    public long StoreCalls { get; init; }
    public long FaultsBefore { get; init; }
    public long FaultsAfter { get; init; }
    public long MessagesDuplicated { get; init; }
    public int Done { get; init; }
    public int Failed { get; init; }
    public int FailedWithoutReason { get; init; }
    public int Lost { get; init; }
    public int DuplicatedRows { get; init; }
    public int FindingMismatches { get; init; }
    public TimeSpan Elapsed { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];

    public override string ToString() =>
        $"{Backend}: {Uploads} uploads, {StoreCalls} store calls, {FaultsBefore + FaultsAfter} store faults injected ({FaultsBefore} before, {FaultsAfter} after the write), "
        + $"{MessagesDuplicated} messages duplicated+redelivered; done {Done}, failed {Failed} ({FailedWithoutReason} without reason), lost {Lost}, "
        + $"duplicated rows {DuplicatedRows}, finding mismatches {FindingMismatches}; {Elapsed.TotalSeconds:0.0} s";
}

public static class FaultRunFiguresExtensions
{
    public static long Faults(this FaultRunFigures figures) => figures.FaultsBefore + figures.FaultsAfter;
}
