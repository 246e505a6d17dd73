namespace EmailAuth.Benchmarks
{
    internal static class Program
    {
        private static int Main(string[] args) => 0; // Skeleton: replaced by the benchmark work item.
    }
}
