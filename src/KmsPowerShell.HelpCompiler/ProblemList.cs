namespace KmsPowerShell.HelpCompiler;

/// <summary>Collects every problem of a run, so one build reports them all rather than the first.</summary>
internal sealed class ProblemList
{
    private readonly List<HelpProblem> _problems = [];

    public IReadOnlyList<HelpProblem> All => _problems;

    public bool Any => _problems.Count > 0;

    public void Add(string path, int line, string message) => _problems.Add(new HelpProblem(path, line, message));
}
