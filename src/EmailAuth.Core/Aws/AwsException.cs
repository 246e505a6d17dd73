using System;

namespace EmailAuth.Core.Aws
{
    /// <summary>
    /// A failed AWS call, in our terms: the service, the operation, the service's error code
    /// (e.g. NotFoundException, NoSuchHostedZone, InvalidChangeBatch) and status. Built from the
    /// SDK's exception without keeping it, so no SDK type and no credential reaches a caller.
    /// </summary>
    public class AwsException : Exception
    {
        public AwsException(string service, string operation, string? errorCode, int? statusCode, string? requestId, string message)
            : base(message)
        {
            Service = service;
            Operation = operation;
            ErrorCode = errorCode;
            StatusCode = statusCode;
            RequestId = requestId;
        }

        public string Service { get; }
        public string Operation { get; }
        /// <summary>The service's error code, or null when the call never got an answer (network, credentials).</summary>
        public string? ErrorCode { get; }
        public int? StatusCode { get; }
        public string? RequestId { get; }

        public bool IsNotFound => ErrorCode is "NotFoundException" or "NoSuchHostedZone" or "NoSuchChange" || StatusCode == 404;
        public bool IsAlreadyExists => ErrorCode is "AlreadyExistsException";
        public bool IsThrottling => ErrorCode is "TooManyRequestsException" or "Throttling" or "ThrottlingException" or "PriorRequestNotComplete";
    }
}
