using System.Management.Automation;
using KmsPowerShell.Engine.Compliance;

namespace KmsPowerShell.Commands.Compliance;

/// <summary>Get-KmsComplianceFinding's progress: the account being written, and the regions read across all accounts.</summary>
internal sealed class ComplianceProgress(Cmdlet cmdlet, ComplianceScan scan, int accountCount)
{
    private const int AccountsId = 1;
    private const int RegionsId = 2;

    public void Show(int accountIndex, string account)
    {
        cmdlet.WriteProgress(new ProgressRecord(AccountsId, "Compliance scan", $"Account {accountIndex + 1} of {accountCount}: {account}")
        {
            PercentComplete = 100 * accountIndex / Math.Max(1, accountCount),
        });
        var (read, started) = (scan.RegionsRead, scan.RegionsStarted);
        cmdlet.WriteProgress(new ProgressRecord(RegionsId, "Regions", $"{read} of {started} regions read")
        {
            ParentActivityId = AccountsId,
            PercentComplete = started == 0 ? 0 : 100 * read / started,
        });
    }

    public void Done()
    {
        cmdlet.WriteProgress(new ProgressRecord(RegionsId, "Regions", "Done") { ParentActivityId = AccountsId, RecordType = ProgressRecordType.Completed });
        cmdlet.WriteProgress(new ProgressRecord(AccountsId, "Compliance scan", "Done") { RecordType = ProgressRecordType.Completed });
    }
}
