using System;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    public sealed class RequestPacerTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void Refuses_a_rate_that_is_not_positive(double rate) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new RequestPacer(rate));

        [Fact]
        public async Task Lets_the_first_request_go_and_holds_the_next_until_its_slot()
        {
            // One request per 1000 s: the second slot is far enough away that no machine stall reaches it.
            var pacer = new RequestPacer(0.001);
            await pacer.WaitAsync();
            using var cancel = new CancellationTokenSource();
            var second = pacer.WaitAsync(cancel.Token);
            Assert.False(second.IsCompleted);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
            Assert.Equal(2, pacer.Granted);
        }

        [Fact]
        public async Task A_cancelled_token_is_refused_before_taking_a_slot()
        {
            var pacer = new RequestPacer(5);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.WaitAsync(new CancellationToken(true)));
            Assert.Equal(0, pacer.Granted);
        }
    }
}
