using EmailAuth.Core.Aws;

namespace EmailAuth.Internal
{
    /// <summary>One item of a region's work: a value, or the AWS error it met (written later on the pipeline thread).</summary>
    internal sealed class AwsItemResult<T> where T : class
    {
        private AwsItemResult(string name, T? value, AwsException? error)
        {
            Name = name;
            Value = value;
            Error = error;
        }

        public string Name { get; }
        public T? Value { get; }
        public AwsException? Error { get; }

        public static AwsItemResult<T> Of(string name, T value) => new AwsItemResult<T>(name, value, null);
        public static AwsItemResult<T> Failed(string name, AwsException error) => new AwsItemResult<T>(name, null, error);
    }
}
