namespace EmailAuth.Host
{
    internal static class Program
    {
        private static int Main(string[] args) => 0; // Skeleton: replaced by the host work item.
    }
}
