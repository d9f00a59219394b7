using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Solidaire.Core.Complaints;
using Solidaire.Core.Configuration;
using Solidaire.Core.Contracts;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Engagements;
using Solidaire.Core.Feedback;
using Solidaire.Core.Email;
using Solidaire.Core.Health;
using Solidaire.Core.Hosting;
using Solidaire.Core.Intake;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;
using Solidaire.Core.Statistics;
using Solidaire.Core.Storage;
using Solidaire.Core.Tokens;

namespace Solidaire.Core;

/// <summary>One registration method per layer; every option is validated when the app starts.</summary>
public static class DependencyInjection
{
    /// <summary>Rules and application services.</summary>
    public static IServiceCollection AddSolidaireCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HealthService>();

        services.AddOptions<PersonalDataOptions>().Bind(configuration.GetSection(PersonalDataOptions.Section)).Validated();
        services.AddSingleton<IPostConfigureOptions<PersonalDataOptions>, LocalKeyFile>();
        services.AddSingleton<PersonalDataProtector>();

        services.AddOptions<DeadlineOptions>().Bind(configuration.GetSection(DeadlineOptions.Section)).Validated();
        services.AddSingleton<DeadlineRunner>();
        services.AddSingleton<HeldWork>();
        services.AddStartedAfterHost<HeldWorkRunner>();

        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section)).Validated();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).Validated();
        services.AddOptions<StaffOptions>().Bind(configuration.GetSection(StaffOptions.Section)).Validated();
        services.AddSingleton<CrisisSignals>();
        services.AddSingleton<IntakeQueue>();
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<IntakeQueue>());
        services.AddSingleton<IEmailFailureObserver>(sp => sp.GetRequiredService<IntakeQueue>());
        services.AddSingleton<IntakeDestruction>();
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<IntakeDestruction>());
        services.AddSingleton<AcknowledgementBudget>();
        services.AddSingleton<IntakeService>();

        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section)).Validated();
        services.AddOptions<TokenOptions>().Bind(configuration.GetSection(TokenOptions.Section)).Validated();
        services.AddSingleton<IPostConfigureOptions<TokenOptions>, LocalTokenKey>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<ClientLinks>();
        services.AddSingleton<StaffRegistry>();
        services.AddSingleton<StaffAccess>();
        services.AddSingleton<IDeadlineHandler>(new RecordDeadline(StaffAccess.UsedSignInLink));
        services.AddSingleton<StaffService>();
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<StaffService>());
        services.AddSingleton<EngagementIndex>();
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<EngagementIndex>());
        services.AddSingleton<Triage>();
        services.AddSingleton<Engagements.Engagements>();
        services.AddOptions<ContractOptions>().Bind(configuration.GetSection(ContractOptions.Section)).Validated();
        services.AddSingleton<ContractService>();
        services.AddSingleton<IEmailSentObserver, ContractEmailed>();
        services.AddSingleton<IAttachmentSource, ContractPdfAttachment>();
        services.AddOptions<Sessions.SessionOptions>().Bind(configuration.GetSection(Sessions.SessionOptions.Section)).Validated();
        services.AddSingleton<Sessions.SessionService>();
        services.AddSingleton<IAttachmentSource, Sessions.SessionCalendar>();
        services.AddSingleton<IDeadlineHandler, EngagementFollowUp>();
        services.AddSingleton<EngagementClosure>();
        services.AddSingleton<IDeadlineHandler, ContractExpiry>();
        services.AddOptions<FeedbackOptions>().Bind(configuration.GetSection(FeedbackOptions.Section)).Validated();
        services.AddSingleton<FeedbackIndex>();
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<FeedbackIndex>());
        services.AddSingleton<FeedbackLinks>();
        services.AddSingleton<FeedbackService>();
        services.AddStartedAfterHost<StaffBootstrap>();
        services.AddSingleton<RetentionService>();
        services.AddSingleton<DestructionLog>();
        services.AddSingleton<DataKeyRewrap>();
        services.AddSingleton<IDeadlineHandler, ContractEvidenceDestruction>();
        services.AddSingleton<IDeadlineHandler, ComplaintDestruction>();
        services.AddSingleton<IDeadlineHandler, OutboxPurge>();
        services.AddSingleton<IDeadlineHandler, AccessLogExpiry>();
        services.AddSingleton<StatisticsCounter>();
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<StatisticsCounter>());
        services.AddSingleton<StatisticsService>();
        services.AddOptions<Erasure.ErasureOptions>().Bind(configuration.GetSection(Erasure.ErasureOptions.Section)).Validated();
        services.AddSingleton<Erasure.ErasureRun>();
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<Erasure.ErasureRun>());
        services.AddSingleton<IDeadlineHandler, Erasure.NoticeDestruction>();
        services.AddSingleton<IDeadlineHandler>(new RecordDeadline(Erasure.ErasureLinkSent.Sent));
        services.AddSingleton<IDeadlineHandler>(new RecordDeadline(Erasure.ErasureLinkUsed.Used));
        services.AddSingleton<Erasure.ErasureService>();
        services.AddOptions<ComplaintOptions>().Bind(configuration.GetSection(ComplaintOptions.Section)).Validated();
        services.AddSingleton<ComplaintService>();
        return services;
    }

    /// <summary>Table Storage: one client pipeline, with the request counter, and the tables created at start.</summary>
    public static IServiceCollection AddSolidaireStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).Validated();
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton<Tables>();
        services.AddSingleton<IDossierStore, TableDossierStore>();
        services.AddSingleton<IDeadlineStore, TableDeadlineStore>();
        services.AddStartedAfterHost<TableInitializer>();
        return services;
    }

    /// <summary>Email: the outbox dispatcher, and SendGrid when a key is set, else the local pickup folder.</summary>
    public static IServiceCollection AddSolidaireEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).Validated();
        services.AddHttpClient(nameof(SendGridSender));
        services.AddSingleton<SendGridSender>();
        services.AddSingleton<PickupFolderSender>();
        // Every email leaves through this one sender: its span and its count are taken there.
        services.TryAddSingleton<IEmailSender>(sp => new ObservedEmailSender(
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.SendGridApiKey)
                ? sp.GetRequiredService<PickupFolderSender>()
                : sp.GetRequiredService<SendGridSender>()));
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<IDeadlineHandler>(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ChangeEmailSender>();
        return services;
    }

    /// <summary>Checked against its annotations, at start. (Bound at each call site, not here: the binding
    /// generator writes the binding code only for a concrete type.)</summary>
    private static void Validated<T>(this OptionsBuilder<T> options) where T : class =>
        options.ValidateDataAnnotations().ValidateOnStart();
}
