using Microsoft.Extensions.Time.Testing;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Tests.Messaging;

public class MessageWindowTests
{
    private static readonly DateTimeOffset Last = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Exactly_48_hours_after_the_last_interaction_is_still_free()
    {
        var status = ZaloMessageWindow.Evaluate(Last, Last.AddHours(48));

        Assert.Equal(ZaloMessageWindowState.Free, status.State);
        Assert.Equal(Last.AddHours(48), status.ChangesAt);
        Assert.True(status.CanSendConsultation);
    }

    [Fact]
    public void One_tick_after_48_hours_is_paid()
    {
        var status = ZaloMessageWindow.Evaluate(Last, Last.AddHours(48).AddTicks(1));

        Assert.Equal(ZaloMessageWindowState.Paid, status.State);
        Assert.Equal(Last.AddDays(7), status.ChangesAt);
        Assert.Contains("billed", status.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_7_days_is_still_paid()
    {
        Assert.Equal(ZaloMessageWindowState.Paid, ZaloMessageWindow.Evaluate(Last, Last.AddDays(7)).State);
    }

    [Fact]
    public void One_tick_after_7_days_is_closed_and_explains_the_minus_230()
    {
        var status = ZaloMessageWindow.Evaluate(Last, Last.AddDays(7).AddTicks(1));

        Assert.Equal(ZaloMessageWindowState.Closed, status.State);
        Assert.False(status.CanSendConsultation);
        Assert.Null(status.ChangesAt);
        Assert.Contains("-230", status.Explanation, StringComparison.Ordinal);
        Assert.Contains("ZBS", status.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void No_known_interaction_is_closed()
    {
        var status = ZaloMessageWindow.Evaluate(null, Last);

        Assert.Equal(ZaloMessageWindowState.Closed, status.State);
        Assert.Null(status.Elapsed);
    }

    [Fact]
    public void An_interaction_slightly_in_the_future_counts_as_now()
    {
        var status = ZaloMessageWindow.Evaluate(Last.AddMinutes(1), Last);

        Assert.Equal(ZaloMessageWindowState.Free, status.State);
        Assert.Equal(TimeSpan.Zero, status.Elapsed);
    }

    [Fact]
    public void The_time_provider_overload_reads_the_injected_clock()
    {
        var clock = new FakeTimeProvider(Last.AddHours(49));

        Assert.Equal(ZaloMessageWindowState.Paid, ZaloMessageWindow.Evaluate(Last, clock).State);
    }
}
