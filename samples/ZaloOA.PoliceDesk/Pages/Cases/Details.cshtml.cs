using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Units;

namespace ZaloOA.PoliceDesk.Pages.Cases;

public sealed class DetailsModel(CaseAccess access, CaseDesk desk, UnitPicker picker, DeskDbContext db, DeskAudit audit, TimeProvider time) : PageModel
{
    /// <summary>When the page was made (the printed record's time).</summary>
    public DateTimeOffset PrintedAt => time.GetUtcNow();

    public CitizenCase Case { get; private set; } = null!;

    public List<CaseMessage> Messages { get; private set; } = [];

    public List<CaseNote> Notes { get; private set; } = [];

    public List<AuditEntry> AuditLog { get; private set; } = [];

    /// <summary>Where the case may be transferred (Units/UnitPicker.cs); empty when the user cannot act.</summary>
    public UnitPickerView? TransferPicker { get; private set; }

    /// <summary>Whether there is any unit to transfer the case to.</summary>
    public bool CanTransferAnywhere => TransferPicker is { } p && (p.Cascade || p.Options.Count > 0);

    public List<StaffUser> Assignable { get; private set; } = [];

    public CaseWindow Window { get; private set; } = null!;

    /// <summary>Whether the signed-in user handles the case; otherwise the page is read-only (oversight).</summary>
    public bool CanAct { get; private set; }

    /// <summary>The case's hand-overs between units, oldest first (its progress for the units overseeing it).</summary>
    public List<CaseTransfer> Transfers { get; private set; } = [];

    /// <summary>The case this one was merged into (status duplicate).</summary>
    public string? MergedIntoNumber { get; private set; }

    /// <summary>The transfer waiting for the officer's confirmation, when the page is that step.</summary>
    public PendingTransfer? ConfirmTransfer { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <param name="id">The case.</param>
    /// <param name="transferUnit">The unit the transfer picker opens at (the unit just chosen, at the confirmation step).</param>
    /// <param name="cancellationToken">Cancels the page.</param>
    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken, int? transferUnit = null)
    {
        var found = await access.FindReadableCaseAsync(Me, id, cancellationToken);
        if (found is null)
        {
            return false;
        }

        Case = found;
        CanAct = CaseAccess.CanAct(Me, found);
        Messages = await ConversationAsync(id, cancellationToken);
        Notes = await db.Notes.AsNoTracking().Where(n => n.CaseId == id).Include(n => n.Author).OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken);
        AuditLog = await db.Audit.AsNoTracking().Where(a => a.CaseId == id).OrderByDescending(a => a.Id).Take(100).ToListAsync(cancellationToken);
        Transfers = await db.Transfers.AsNoTracking().Where(t => t.CaseId == id).Include(t => t.FromUnit).Include(t => t.ToUnit).Include(t => t.ByStaff)
            .OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        MergedIntoNumber = found.MergedIntoCaseId is { } merged
            ? await db.Cases.Where(c => c.Id == merged).Select(c => c.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (CanAct)
        {
            TransferPicker = await picker.TransferAsync(Me, found, new UnitPickerSpec("unitId", "Chuyển / báo cáo lên đơn vị", UnitPickerMeaning.Unit), transferUnit, cancellationToken);
            Assignable = await access.AssignableStaffAsync(found, cancellationToken);
            Window = await desk.GetWindowAsync(found, cancellationToken);
        }

        // The page shows the citizen's full data (unmasked): who opened it is recorded.
        await audit.RecordAsync(Me, AuditActions.CaseViewed, found.UnitId, found.Id, found.Number, cancellationToken);
        return true;
    }

    /// <summary>The conversation alone, which the open page fetches again when the live stream
    /// reports a change to this case (answers, read marks, the citizen's replies). The page's view
    /// was audited when it was opened.</summary>
    public async Task<IActionResult> OnGetMessagesAsync(int id, CancellationToken cancellationToken)
    {
        var found = await access.FindReadableCaseAsync(Me, id, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return Partial("_Messages", new ConversationView(found, await ConversationAsync(id, cancellationToken), CaseAccess.CanAct(Me, found)));
    }

    private Task<List<CaseMessage>> ConversationAsync(int id, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Where(m => m.CaseId == id).Include(m => m.Media).Include(m => m.SentBy)
            .OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostReplyAsync(int id, string? text, IFormFile? attachment, CancellationToken cancellationToken)
    {
        OutgoingFile? file = null;
        if (attachment is { Length: > 0 })
        {
            if (attachment.Length > CaseDesk.MaxFileBytes)
            {
                return Done(id, DeskResult.Invalid("Tệp gửi qua Zalo tối đa 5 MB."));
            }

            using var buffer = new MemoryStream((int)attachment.Length);
            await attachment.CopyToAsync(buffer, cancellationToken);
            file = new OutgoingFile(Path.GetFileName(attachment.FileName), attachment.ContentType, buffer.ToArray());
        }

        return Done(id, await desk.ReplyAsync(Me, id, text, file, cancellationToken));
    }

    public async Task<IActionResult> OnPostRetryAsync(int id, int messageId, CancellationToken cancellationToken) =>
        Done(id, await desk.RetryAsync(Me, id, messageId, cancellationToken));

    public async Task<IActionResult> OnPostNoteAsync(int id, string? text, CancellationToken cancellationToken) =>
        Done(id, await desk.AddNoteAsync(Me, id, text, cancellationToken), "Đã thêm ghi chú.");

    public async Task<IActionResult> OnPostAssignAsync(int id, int? staffId, CancellationToken cancellationToken) =>
        Done(id, await desk.AssignAsync(Me, id, staffId, cancellationToken), "Đã cập nhật phân công.");

    public async Task<IActionResult> OnPostStatusAsync(int id, CaseStatus status, string? reason, string? duplicateOf, CancellationToken cancellationToken) =>
        Done(id, await desk.ChangeStatusAsync(Me, id, status, reason, duplicateOf, cancellationToken), "Đã cập nhật trạng thái.");

    public async Task<IActionResult> OnPostCategoryAsync(int id, CaseCategory category, CancellationToken cancellationToken) =>
        Done(id, await desk.ChangeCategoryAsync(Me, id, category, cancellationToken), "Đã cập nhật lĩnh vực.");

    /// <summary>
    /// A transfer in two steps: the first post shows what will happen (from which unit to which,
    /// the reason) for the officer to confirm; the confirmed post transfers and lands on the inbox
    /// with a notice linking the case, which the sending unit keeps reading.
    /// </summary>
    public async Task<IActionResult> OnPostTransferAsync(int id, int unitId, string? reason, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            // The picker opens at the unit chosen: without script, that is how a lower unit is reached.
            if (!await LoadAsync(id, cancellationToken, unitId))
            {
                return NotFound();
            }

            // The case's own unit is no target, but opening it reaches the units below it.
            if (CanAct && unitId == Case.UnitId && TransferPicker is { Cascade: true })
            {
                return Page();
            }

            if (!CanAct || await access.FindTransferTargetAsync(Me, Case, unitId, cancellationToken) is not { } target)
            {
                return StatusCode(StatusCodes.Status403Forbidden, "Bạn không được chuyển hồ sơ tới đơn vị này.");
            }

            ConfirmTransfer = new PendingTransfer(target, reason?.Trim());
            return Page();
        }

        var result = await desk.TransferAsync(Me, id, unitId, reason, cancellationToken);
        if (result.Outcome != DeskOutcome.Ok)
        {
            return Done(id, result);
        }

        // The inbox shows the notice (its [TempData] Flash) with a link to the case, now read-only here.
        Flash = result.Message;
        TempData["FlashCaseId"] = id;
        return Redirect("/");
    }

    private IActionResult Done(int id, DeskResult result, string? okMessage = null)
    {
        switch (result.Outcome)
        {
            case DeskOutcome.NotFound:
                return NotFound();
            case DeskOutcome.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden, result.Message ?? "Forbidden");
            case DeskOutcome.Ok:
                Flash = result.Message ?? okMessage;
                FlashOk = true;
                break;
            default:
                Flash = result.Message;
                FlashOk = false;
                break;
        }

        return RedirectToPage(new { id });
    }
}

/// <summary>A case's conversation as <c>_Messages</c> renders it.</summary>
public sealed record ConversationView(CitizenCase Case, IReadOnlyList<CaseMessage> Messages, bool CanAct);

/// <summary>A transfer the officer is asked to confirm.</summary>
public sealed record PendingTransfer(Unit Target, string? Reason);
