using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>The progress of a command over accounts and regions: the account being written, and the regions read.</summary>
internal sealed class AccountsProgress(Cmdlet cmdlet, string activity, int accountCount)
{
    private const int AccountsId = 1;
    private const int RegionsId = 2;

    public void Show(int accountIndex, string account, int regionsRead, int regionsStarted)
    {
        cmdlet.WriteProgress(new ProgressRecord(AccountsId, activity, $"Account {accountIndex + 1} of {accountCount}: {account}")
        {
            PercentComplete = 100 * accountIndex / Math.Max(1, accountCount),
        });
        cmdlet.WriteProgress(new ProgressRecord(RegionsId, "Regions", $"{regionsRead} of {regionsStarted} regions read")
        {
            ParentActivityId = AccountsId,
            PercentComplete = regionsStarted == 0 ? 0 : 100 * regionsRead / regionsStarted,
        });
    }

    public void Done()
    {
        cmdlet.WriteProgress(new ProgressRecord(RegionsId, "Regions", "Done") { ParentActivityId = AccountsId, RecordType = ProgressRecordType.Completed });
        cmdlet.WriteProgress(new ProgressRecord(AccountsId, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }
}
